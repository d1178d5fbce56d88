package io.ragplatform.eval.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One ranked retrieval result, as the metrics see it. The rank is the result's position in its list; the score is
 * carried for reports and never reorders anything.
 *
 * @param chunkId the chunk
 * @param sourceIds every source the chunk occurs in (a chunk shared by several documents lists each of them); may be
 *     empty, then the result counts at chunk level only
 * @param score the retriever's score
 */
public record Retrieved(String chunkId, List<String> sourceIds, double score) {
    public Retrieved {
        Objects.requireNonNull(chunkId, "chunkId");
        sourceIds = List.copyOf(sourceIds);
    }
}
