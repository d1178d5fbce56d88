package io.ragplatform.index.langchain4j;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import io.ragplatform.index.Occurrence;
import io.ragplatform.index.SearchHit;

/**
 * Turns index hits into LangChain4j {@link TextSegment}s. The metadata keys are part of the public contract of
 * {@link RagContentRetriever} and {@link RagEmbeddingStore} (documented there and in {@code docs/LANGCHAIN4J.md}).
 *
 * <p>The score is deliberately <em>not</em> a segment metadata entry: LangChain4j's {@code Content} equality (used by
 * {@code ReciprocalRankFuser} to merge the results of several queries) compares the segment, metadata included, so a
 * per-query score in the segment would keep the same chunk from being merged. It travels in
 * {@code ContentMetadata.SCORE} / {@code EmbeddingMatch.score()} instead.
 */
final class Segments {
    static final String CHUNK_ID = "chunkId";
    static final String SOURCE_ID = "sourceId";
    static final String DOCUMENT_ID = "documentId";
    static final String CHAR_START = "charStart";
    static final String CHAR_END = "charEnd";
    static final String PAGE = "page";
    static final String INDEX_VERSION = "indexVersion";

    private Segments() {}

    /**
     * Whether the hit has an occurrence matching all of the search's filters. The index applies each filter to the
     * chunk as a whole (some document has the source, some document — maybe another — has the language), but lists
     * only the occurrences in documents matching all filters; a hit with none does not match the filter as LangChain4j
     * evaluates it on one segment's metadata, and would have no source to cite, so the adapters drop it.
     */
    static boolean hasOccurrence(SearchHit hit) {
        return !hit.sources().isEmpty();
    }

    /**
     * The hit's chunk text with {@code chunkId} and {@code indexVersion}, plus {@code sourceId}, {@code documentId},
     * {@code charStart}, {@code charEnd} and (when known, i.e. &gt; 0) {@code page} of its first occurrence — the first
     * occurrence matching the search's filters, as the index orders them (by source ID, document ID, offset).
     *
     * @throws IllegalArgumentException when the hit has no occurrence ({@link #hasOccurrence})
     */
    static TextSegment of(SearchHit hit, long indexVersion) {
        if (!hasOccurrence(hit)) {
            throw new IllegalArgumentException("chunk " + hit.chunkId() + " has no occurrence matching the filters");
        }
        Occurrence first = hit.sources().get(0);
        Metadata m = new Metadata();
        m.put(CHUNK_ID, hit.chunkId());
        m.put(SOURCE_ID, first.sourceId());
        m.put(DOCUMENT_ID, first.documentId());
        m.put(CHAR_START, first.charStart());
        m.put(CHAR_END, first.charEnd());
        if (first.page() > 0) {
            m.put(PAGE, first.page());
        }
        m.put(INDEX_VERSION, indexVersion);
        return TextSegment.from(hit.text(), m);
    }
}
