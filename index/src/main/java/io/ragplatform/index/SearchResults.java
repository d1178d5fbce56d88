package io.ragplatform.index;

import java.util.List;

/** Results of a search, best first, and the index version they were read from. */
public record SearchResults(List<SearchHit> results, long indexVersion) {
    public SearchResults {
        results = List.copyOf(results);
    }
}
