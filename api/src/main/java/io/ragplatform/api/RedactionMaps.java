package io.ragplatform.api;

import io.ragplatform.error.RagException;
import io.ragplatform.ingest.pii.PiiHit;
import io.ragplatform.ingest.pii.RedactionKey;
import io.ragplatform.ingest.pii.RedactionMap;
import io.ragplatform.ingest.pii.RedactionSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The redaction maps of documents (placeholder → original), kept apart from the index under {@code
 * <data dir>/redaction}, one file per document, each encrypted ({@link RedactionMap}, AES-256-GCM) with the key of
 * {@code rag.governance.redaction-key}. Without that key no map is kept at all. A map is written when its document is
 * prepared, replaced when it is prepared again, and removed with the document.
 */
final class RedactionMaps implements RedactionSink {
    private static final Pattern DOCUMENT_ID = Pattern.compile("[0-9a-f]{32}");

    private final Path dir;
    private final RedactionKey key;

    RedactionMaps(Path dir, RedactionKey key) {
        this.dir = dir;
        this.key = key;
    }

    /** The maps under {@code dir}, if a secret is configured. */
    static Optional<RedactionMaps> of(Path dir, Optional<String> secret) {
        if (secret.isEmpty() || secret.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RedactionMaps(dir, RedactionKey.fromSecret(secret.get())));
        } catch (IllegalArgumentException e) {
            throw RagException.invalid("invalid_config", "rag.governance.redaction-key: " + e.getMessage());
        }
    }

    @Override
    public void redacted(String documentId, List<PiiHit> hits) {
        Path file = file(documentId);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, documentId, ".tmp");
            Files.write(tmp, RedactionMap.encrypt(hits, key));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the redaction map of " + documentId, e);
        }
    }

    /** The document's redactions, or empty when it has none (nothing was redacted, or it was stored before). */
    List<PiiHit> read(String documentId) {
        try {
            return RedactionMap.decrypt(Files.readAllBytes(file(documentId)), key);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the redaction map of " + documentId, e);
        }
    }

    /** Removes the maps of these documents. */
    void delete(Collection<String> documentIds) {
        for (String id : documentIds) {
            try {
                Files.deleteIfExists(file(id));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the redaction map of " + id, e);
            }
        }
    }

    private Path file(String documentId) {
        if (!DOCUMENT_ID.matcher(documentId).matches()) {
            throw new IllegalArgumentException("not a document ID: " + documentId);
        }
        return dir.resolve(documentId + ".map");
    }
}
