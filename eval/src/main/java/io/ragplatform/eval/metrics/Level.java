package io.ragplatform.eval.metrics;

/** What a ranking and its judgments are made of. */
public enum Level {
    /** Source IDs: a source ranks at its best chunk ({@link RankedLists#toDocumentRanking}). */
    DOCUMENT,
    /** Chunk IDs, when the gold lists chunk IDs. */
    CHUNK
}
