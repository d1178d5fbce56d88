package io.ragplatform.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * Turns a file into documents with structured text. Thread-safe.
 */
public interface Extractor extends AutoCloseable {
    /**
     * Extracts the file and everything embedded in it that carries text.
     *
     * @param file the bytes to read
     * @param fileName the name the user gave the file (helps type detection), may be {@code null}
     * @return the file's own document first (path {@code ""}), then embedded documents in document order
     * @throws DocumentRejectedException when the file is empty, unsupported, encrypted, corrupt, too large or has no text
     */
    List<ExtractedDocument> extract(Path file, String fileName);

    /** Releases what the extractor holds (forked parser processes); idempotent. A no-op for in-process extractors. */
    @Override
    default void close() {}
}
