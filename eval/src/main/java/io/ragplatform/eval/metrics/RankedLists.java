package io.ragplatform.eval.metrics;

import io.ragplatform.index.Occurrence;
import io.ragplatform.index.SearchHit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns ranked retrieval results into the ID rankings the {@link Metrics} score. Every ranking returned is free of
 * repeats and keeps the results' order; scores are never consulted.
 */
public final class RankedLists {
    private RankedLists() {}

    /** The results of an index search as {@link Retrieved}s, in the same order; each hit keeps its sources' IDs. */
    public static List<Retrieved> fromHits(List<SearchHit> hits) {
        List<Retrieved> out = new ArrayList<>(hits.size());
        for (SearchHit hit : hits) {
            List<String> sources = new ArrayList<>(hit.sources().size());
            for (Occurrence o : hit.sources()) {
                sources.add(o.sourceId());
            }
            out.add(new Retrieved(hit.chunkId(), sources, hit.score()));
        }
        return out;
    }

    /**
     * Document-level ranking: each sourceId once, at the rank of its best (first) chunk. A chunk that occurs in
     * several sources ranks each of them, in the order the chunk lists them, before the sources of any later chunk.
     */
    public static List<String> toDocumentRanking(List<Retrieved> results) {
        Set<String> ranked = new LinkedHashSet<>();
        for (Retrieved r : results) {
            for (String source : r.sourceIds()) {
                ranked.add(Objects.requireNonNull(source, "sourceId"));
            }
        }
        return List.copyOf(ranked);
    }

    /** Chunk-level ranking: each chunkId once, at its first rank. */
    public static List<String> toChunkRanking(List<Retrieved> results) {
        Set<String> ranked = new LinkedHashSet<>();
        for (Retrieved r : results) {
            ranked.add(r.chunkId());
        }
        return List.copyOf(ranked);
    }

    /** The ranking at that level: {@link #toDocumentRanking} or {@link #toChunkRanking}. */
    public static List<String> toRanking(List<Retrieved> results, Level level) {
        return switch (level) {
            case DOCUMENT -> toDocumentRanking(results);
            case CHUNK -> toChunkRanking(results);
        };
    }
}
