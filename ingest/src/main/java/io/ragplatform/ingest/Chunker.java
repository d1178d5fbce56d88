package io.ragplatform.ingest;

import java.util.List;

/**
 * Splits canonical text into chunks. Deterministic and thread-safe. Boundaries are local: an edit inside one block
 * moves only the boundaries of its own section, never those further on.
 */
public interface Chunker {
    /** The version of the boundaries, in the pipeline string, e.g. {@code "chunk-2"}. */
    String version();

    List<Chunk> chunk(CanonicalText text);

    /** The version and every setting that moves boundaries (e.g. {@code "chunk-2/max=254"}). */
    default String signature() {
        return version();
    }

    /**
     * The structure-aware chunker: sections start at heading-like blocks; blocks are packed up to
     * {@code maxTokens}; an over-long block is split at sentence boundaries; a table is kept whole or split by rows
     * with its header row repeated.
     *
     * @param counter the embedding model's token counter
     * @param maxTokens the most tokens of one chunk (the model's input size less its special tokens)
     * @param canonicalizerVersion mixed into chunk IDs: the canonicalizer's {@link Canonicalizer#hashVersion()}
     */
    static Chunker structural(TokenCounter counter, int maxTokens, String canonicalizerVersion) {
        return new StructuralChunker(counter, maxTokens, canonicalizerVersion);
    }
}
