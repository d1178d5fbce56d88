package io.ragplatform.index.lucene;

import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.SearchFilter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * How a {@link SearchFilter} is stored on chunk entries and becomes a Lucene query: the one place of both, so that a
 * new filter field (access control, licence) is added here and nowhere else.
 *
 * <p>A chunk entry carries, for each document that references it, one term per combination of that document's
 * sourceId, content type and language. A filter on several fields then is one term query, which matches only when one
 * document satisfies all of them, not one document each.
 */
final class FilterKeys {
    private FilterKeys() {}

    /** The filter terms of a chunk referenced by these documents. */
    static Set<String> of(List<DocumentRecord> referrers) {
        Set<String> keys = new TreeSet<>();
        for (DocumentRecord r : referrers) {
            for (int mask = 1; mask < 8; mask++) {
                keys.add(key(
                        (mask & 1) != 0 ? r.sourceId() : null,
                        (mask & 2) != 0 ? r.contentType() : null,
                        (mask & 4) != 0 ? r.language() : null));
            }
        }
        return keys;
    }

    /** The chunk entries a search with this filter may return. */
    static Query query(SearchFilter filter) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(Schema.chunks(), Occur.FILTER);
        if (!filter.isEmpty()) {
            b.add(
                    new TermQuery(
                            new Term(Schema.FILTER, key(filter.sourceId(), filter.contentType(), filter.language()))),
                    Occur.FILTER);
        }
        return b.build();
    }

    /** The term for a filter: the given fields, each tagged, NUL-separated; null fields are left out. */
    static String key(String sourceId, String contentType, String language) {
        StringBuilder sb = new StringBuilder();
        if (sourceId != null) {
            sb.append("s=").append(sourceId).append('\0');
        }
        if (contentType != null) {
            sb.append("t=").append(contentType).append('\0');
        }
        if (language != null) {
            sb.append("l=").append(language).append('\0');
        }
        return sb.toString();
    }
}
