package io.ragplatform.index;

import java.util.List;

/**
 * One result: a chunk, its score under the request's mode, its text, where it occurs, and its languages
 * ({@link io.ragplatform.ingest.TextLanguages}; empty for a chunk stored before chunk languages existed).
 */
public record SearchHit(String chunkId, float score, String text, List<Occurrence> sources, List<String> languages) {
    public SearchHit {
        sources = List.copyOf(sources);
        languages = List.copyOf(languages);
    }

    /** A hit whose languages are not known. */
    public SearchHit(String chunkId, float score, String text, List<Occurrence> sources) {
        this(chunkId, score, text, sources, List.of());
    }
}
