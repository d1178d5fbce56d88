package io.ragplatform.index;

import java.util.List;

/** One result: a chunk, its score under the request's mode, its text, and where it occurs. */
public record SearchHit(String chunkId, float score, String text, List<Occurrence> sources) {
    public SearchHit {
        sources = List.copyOf(sources);
    }
}
