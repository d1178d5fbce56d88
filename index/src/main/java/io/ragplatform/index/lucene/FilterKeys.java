package io.ragplatform.index.lucene;

import io.ragplatform.index.AccessScope;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.SearchFilter;
import io.ragplatform.ingest.Acl;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * How a {@link SearchFilter} is stored on chunk entries and becomes a Lucene query: the one place of both, so that a
 * new filter field is added here and nowhere else.
 *
 * <p>A chunk entry carries, for each document that references it, one term per combination of that document's
 * sourceId, content type and language; and the same combinations (the empty one too) once more per group of the
 * document's acl, with the group appended ({@code s=…\0l=…\0a=finance\0}). A filter on several fields then is one term
 * query, which matches only when one document satisfies all of them, not one document each; a reader's scope is the
 * disjunction of those terms over {@code public} and its groups, so that field filter and visibility hold for the same
 * document. Unrestricted access ({@link AccessScope#ALL}) queries the terms without a group, exactly as before acls.
 *
 * <p>Chunk entries written before acls existed have no group terms: all their documents were stored without an acl,
 * so public. A chunk entry with group terms also carries the term {@link #ACL_KEYED}; one without it is read as public
 * (this keeps an old index, and its retained versions, searchable by every scope until its chunks are rewritten: any
 * change of a referencing document rewrites them).
 */
final class FilterKeys {
    /** The term of a chunk entry whose filter terms include its documents' acl groups. */
    static final String ACL_KEYED = "acl-keyed";

    private FilterKeys() {}

    /** The filter terms of a chunk referenced by these documents. */
    static Set<String> of(List<DocumentRecord> referrers) {
        Set<String> keys = new TreeSet<>();
        for (DocumentRecord r : referrers) {
            for (int mask = 0; mask < 8; mask++) {
                String fields = key(
                        (mask & 1) != 0 ? r.sourceId() : null,
                        (mask & 2) != 0 ? r.contentType() : null,
                        (mask & 4) != 0 ? r.language() : null);
                if (mask != 0) {
                    keys.add(fields);
                }
                for (String group : r.acl()) {
                    keys.add(withGroup(fields, group));
                }
            }
        }
        keys.add(ACL_KEYED);
        return keys;
    }

    /** The chunk entries a search with this filter may return. */
    static Query query(SearchFilter filter) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(Schema.chunks(), Occur.FILTER);
        String fields = key(filter.sourceId(), filter.contentType(), filter.language());
        if (filter.access().all()) {
            if (!fields.isEmpty()) {
                b.add(new TermQuery(new Term(Schema.FILTER, fields)), Occur.FILTER);
            }
            return b.build();
        }
        // one term per readable group, as a term set: a reader may be in more groups than a boolean query takes clauses
        List<BytesRef> readable = new ArrayList<>();
        readable.add(new BytesRef(withGroup(fields, Acl.PUBLIC)));
        filter.access().groups().forEach(g -> readable.add(new BytesRef(withGroup(fields, g))));
        BooleanQuery.Builder visible = new BooleanQuery.Builder();
        visible.add(new TermInSetQuery(Schema.FILTER, readable), Occur.SHOULD);
        // a chunk entry from before acls: all its documents are public
        BooleanQuery.Builder legacy = new BooleanQuery.Builder()
                .add(
                        fields.isEmpty() ? new MatchAllDocsQuery() : new TermQuery(new Term(Schema.FILTER, fields)),
                        Occur.FILTER)
                .add(new TermQuery(new Term(Schema.FILTER, ACL_KEYED)), Occur.MUST_NOT);
        visible.add(legacy.build(), Occur.SHOULD);
        return b.add(visible.build(), Occur.FILTER).build();
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

    /** The term for the fields {@code key} of a document readable by {@code group}. */
    static String withGroup(String key, String group) {
        return key + "a=" + group + '\0';
    }
}
