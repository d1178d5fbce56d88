package io.ragplatform.index.lucene;

import io.ragplatform.index.AccessScope;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.LicenseFilter;
import io.ragplatform.index.SearchFilter;
import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.License;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * How a {@link SearchFilter} is stored on chunk entries and becomes a Lucene query: the one place of both, so that a
 * new filter field is added here and nowhere else.
 *
 * <p>A chunk entry carries, for each document that references it, one term per combination of that document's
 * sourceId, content type, language and licence; and the same combinations (the empty one too) once more per group of
 * the document's acl, with the group appended ({@code s=…\0l=…\0c=mit\0a=finance\0}). A filter on several fields then is one term
 * query, which matches only when one document satisfies all of them, not one document each; a reader's scope is the
 * disjunction of those terms over {@code public} and its groups, so that field filter and visibility hold for the same
 * document. Unrestricted access ({@link AccessScope#ALL}) queries the terms without a group, exactly as before acls.
 *
 * <p>Chunk entries written before acls existed have no group terms: all their documents were stored without an acl,
 * so public. A chunk entry with group terms also carries the term {@link #ACL_KEYED}; one without it is read as public
 * (this keeps an old index, and its retained versions, searchable by every scope until its chunks are rewritten: any
 * change of a referencing document rewrites them). Likewise, an entry without {@link #LICENSE_KEYED} was written before
 * licences existed: all its documents are of {@link License#UNKNOWN} licence, and a licence filter that allows
 * {@code unknown} matches it through its licence-less terms.
 *
 * <p>A filter that only excludes licences ({@code !proprietary}) becomes the licences of the index that it allows:
 * {@link #licenses} reads them from the licence-only terms ({@code c=…\0}).
 */
final class FilterKeys {
    /** The term of a chunk entry whose filter terms include its documents' acl groups. */
    static final String ACL_KEYED = "acl-keyed";
    /** The term of a chunk entry whose filter terms include its documents' licences. */
    static final String LICENSE_KEYED = "license-keyed";

    private static final String LICENSE_TAG = "c=";

    private FilterKeys() {}

    /** The filter terms of a chunk referenced by these documents. */
    static Set<String> of(List<DocumentRecord> referrers) {
        Set<String> keys = new TreeSet<>();
        for (DocumentRecord r : referrers) {
            for (int mask = 0; mask < 16; mask++) {
                String fields = key(
                        (mask & 1) != 0 ? r.sourceId() : null,
                        (mask & 2) != 0 ? r.contentType() : null,
                        (mask & 4) != 0 ? r.language() : null,
                        (mask & 8) != 0 ? r.license() : null);
                if (mask != 0) {
                    keys.add(fields);
                }
                for (String group : r.acl()) {
                    keys.add(withGroup(fields, group));
                }
            }
        }
        keys.add(ACL_KEYED);
        keys.add(LICENSE_KEYED);
        return keys;
    }

    /**
     * The chunk entries a search with this filter may return.
     *
     * @param known the licences of the index ({@link #licenses}); read only for a filter that excludes licences
     *     without naming the ones it keeps
     */
    static Query query(SearchFilter filter, Supplier<Set<String>> known) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(Schema.chunks(), Occur.FILTER);
        String fields = key(filter.sourceId(), filter.contentType(), filter.language(), null);
        LicenseFilter licenses = filter.licenses();
        if (licenses.isAny()) {
            Query visible = visible(fields, filter.access());
            return visible == null ? b.build() : b.add(visible, Occur.FILTER).build();
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        List<String> allowed = licenses.allowedAmong(licenses.include().isEmpty() ? known.get() : Set.of());
        if (!allowed.isEmpty()) {
            any.add(keyed(allowed, filter), Occur.SHOULD);
        }
        if (licenses.allows(License.UNKNOWN)) {
            // an entry written before licences: all its documents are of unknown licence
            Query visible = visible(fields, filter.access());
            any.add(
                    new BooleanQuery.Builder()
                            .add(visible == null ? new MatchAllDocsQuery() : visible, Occur.FILTER)
                            .add(new TermQuery(new Term(Schema.FILTER, LICENSE_KEYED)), Occur.MUST_NOT)
                            .build(),
                    Occur.SHOULD);
        }
        return b.add(
                        allowed.isEmpty() && !licenses.allows(License.UNKNOWN) ? new MatchNoDocsQuery() : any.build(),
                        Occur.FILTER)
                .build();
    }

    /** {@link #query(SearchFilter, Supplier)} with the licences of the index {@code reader} reads. */
    static Query query(SearchFilter filter, IndexReader reader) {
        return query(filter, () -> {
            try {
                return licenses(reader);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Entries of a document of one of these licences matching the filter's fields, readable by its scope. */
    private static Query keyed(List<String> licenses, SearchFilter filter) {
        List<BytesRef> terms = new ArrayList<>();
        for (String license : licenses) {
            String key = key(filter.sourceId(), filter.contentType(), filter.language(), license);
            if (filter.access().all()) {
                terms.add(new BytesRef(key));
            } else {
                terms.add(new BytesRef(withGroup(key, Acl.PUBLIC)));
                filter.access().groups().forEach(g -> terms.add(new BytesRef(withGroup(key, g))));
            }
        }
        return new TermInSetQuery(Schema.FILTER, terms);
    }

    /**
     * Entries of a document matching {@code fields} (licence-less) that {@code access} may read; {@code null} when
     * that is every entry (no field, unrestricted access).
     */
    private static Query visible(String fields, AccessScope access) {
        if (access.all()) {
            return fields.isEmpty() ? null : new TermQuery(new Term(Schema.FILTER, fields));
        }
        // one term per readable group, as a term set: a reader may be in more groups than a boolean query takes clauses
        List<BytesRef> readable = new ArrayList<>();
        readable.add(new BytesRef(withGroup(fields, Acl.PUBLIC)));
        access.groups().forEach(g -> readable.add(new BytesRef(withGroup(fields, g))));
        BooleanQuery.Builder visible = new BooleanQuery.Builder();
        visible.add(new TermInSetQuery(Schema.FILTER, readable), Occur.SHOULD);
        // a chunk entry from before acls: all its documents are public
        BooleanQuery.Builder legacy = new BooleanQuery.Builder()
                .add(
                        fields.isEmpty() ? new MatchAllDocsQuery() : new TermQuery(new Term(Schema.FILTER, fields)),
                        Occur.FILTER)
                .add(new TermQuery(new Term(Schema.FILTER, ACL_KEYED)), Occur.MUST_NOT);
        visible.add(legacy.build(), Occur.SHOULD);
        return visible.build();
    }

    /** The licences of the documents of this index, from its licence-only filter terms. */
    static Set<String> licenses(IndexReader reader) throws IOException {
        Set<String> out = new TreeSet<>();
        Terms terms = MultiTerms.getTerms(reader, Schema.FILTER);
        if (terms == null) {
            return out;
        }
        TermsEnum it = terms.iterator();
        if (it.seekCeil(new BytesRef(LICENSE_TAG)) == TermsEnum.SeekStatus.END) {
            return out;
        }
        for (BytesRef t = it.term(); t != null; t = it.next()) {
            String term = t.utf8ToString();
            if (!term.startsWith(LICENSE_TAG)) {
                break;
            }
            int end = term.indexOf('\0');
            out.add(term.substring(LICENSE_TAG.length(), end < 0 ? term.length() : end));
        }
        return out;
    }

    /** The term for a filter of any licence: the given fields, each tagged, NUL-separated; null fields left out. */
    static String key(String sourceId, String contentType, String language) {
        return key(sourceId, contentType, language, null);
    }

    /** The term for a filter: the given fields, each tagged, NUL-separated; null fields are left out. */
    static String key(String sourceId, String contentType, String language, String license) {
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
        if (license != null) {
            sb.append(LICENSE_TAG).append(license).append('\0');
        }
        return sb.toString();
    }

    /** The term for the fields {@code key} of a document readable by {@code group}. */
    static String withGroup(String key, String group) {
        return key + "a=" + group + '\0';
    }
}
