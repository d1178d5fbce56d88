package io.ragplatform.index.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.index.AccessScope;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.LicenseFilter;
import io.ragplatform.index.SearchFilter;
import io.ragplatform.ingest.DocumentIdentity;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** The chunk entries' filter terms and the query a filter (access scope included) becomes, on a hand-made index. */
class FilterKeysTest {
    private static final AccessScope ENG = AccessScope.groups(Set.of("eng"));
    private static final AccessScope FINANCE = AccessScope.groups(Set.of("finance"));

    private static DocumentRecord doc(String sourceId, String language, List<String> acl) {
        return doc(sourceId, language, acl, "unknown");
    }

    private static DocumentRecord doc(String sourceId, String language, List<String> acl, String license) {
        return new DocumentRecord(
                new DocumentIdentity("d-" + sourceId, sourceId, "", null, "text/plain", language),
                1,
                "c",
                "m",
                Map.of(),
                Map.of(),
                acl,
                license,
                10,
                List.of(),
                null,
                null,
                null,
                0,
                null,
                Map.of(),
                null,
                null);
    }

    /** The filter terms an index written before acls stored: every combination of fields, no group, no marker. */
    private static Set<String> legacyKeys(DocumentRecord... referrers) {
        Set<String> keys = new TreeSet<>();
        for (DocumentRecord r : referrers) {
            for (int mask = 1; mask < 8; mask++) {
                keys.add(FilterKeys.key(
                        (mask & 1) != 0 ? r.sourceId() : null,
                        (mask & 2) != 0 ? r.contentType() : null,
                        (mask & 4) != 0 ? r.language() : null));
            }
        }
        return keys;
    }

    @Test
    void a_chunk_carries_the_old_terms_and_the_same_terms_per_acl_group_of_each_document() {
        Set<String> keys = FilterKeys.of(List.of(doc("a", "en", List.of("eng", "finance"))));
        assertTrue(keys.containsAll(legacyKeys(doc("a", "en", null))), "admin queries stay what they were");
        assertTrue(keys.contains("a=eng\0"));
        assertTrue(keys.contains("s=a\0l=en\0a=finance\0"));
        assertTrue(keys.contains(FilterKeys.ACL_KEYED));
        assertTrue(keys.contains(FilterKeys.LICENSE_KEYED));
        assertTrue(keys.contains("s=a\0c=unknown\0a=eng\0"));
        assertEquals(15 + 16 * 2 + 2, keys.size());
    }

    /** The filter terms written after acls and before licences: no licence term, no licence marker. */
    private static Set<String> aclKeys(DocumentRecord r) {
        Set<String> keys = new TreeSet<>(legacyKeys(r));
        for (int mask = 0; mask < 8; mask++) {
            String fields = FilterKeys.key(
                    (mask & 1) != 0 ? r.sourceId() : null,
                    (mask & 2) != 0 ? r.contentType() : null,
                    (mask & 4) != 0 ? r.language() : null);
            r.acl().forEach(g -> keys.add(FilterKeys.withGroup(fields, g)));
        }
        keys.add(FilterKeys.ACL_KEYED);
        return keys;
    }

    private static SearchFilter licensed(String licenses, AccessScope access) {
        return SearchFilter.readableBy(access).withLicenses(LicenseFilter.parse(List.of(licenses)));
    }

    @Test
    void the_licence_filter_holds_for_the_same_document_as_the_fields_and_the_scope() throws IOException {
        DocumentRecord mitA = doc("a", "en", List.of("public"), "mit");
        DocumentRecord propB = doc("b", "en", List.of("finance"), "proprietary");
        Map<String, Set<String>> chunks = Map.of(
                "shared", FilterKeys.of(List.of(mitA, propB)),
                "mitOnly", FilterKeys.of(List.of(mitA)),
                "propOnly", FilterKeys.of(List.of(propB)));
        assertEquals(Set.of("shared", "propOnly"), matching(chunks, licensed("proprietary", AccessScope.ALL)));
        assertEquals(Set.of("shared", "mitOnly"), matching(chunks, licensed("!proprietary", AccessScope.ALL)));
        assertEquals(
                Set.of("shared", "mitOnly", "propOnly"),
                matching(chunks, licensed("mit,proprietary", AccessScope.ALL)));
        assertEquals(Set.of(), matching(chunks, licensed("!mit,!proprietary", AccessScope.ALL)));
        assertEquals(Set.of(), matching(chunks, licensed("cc-by-4.0", AccessScope.ALL)), "a licence nobody has");
        assertEquals(
                Set.of(),
                matching(chunks, SearchFilter.source("a").withLicenses(LicenseFilter.parse(List.of("proprietary")))),
                "source a's document is mit");
        assertEquals(Set.of(), matching(chunks, licensed("proprietary", ENG)), "eng cannot read the proprietary one");
        assertEquals(Set.of("shared", "propOnly"), matching(chunks, licensed("PROPRIETARY", FINANCE)));
        assertEquals(Set.of("shared", "mitOnly"), matching(chunks, licensed("!proprietary", ENG)));
    }

    @Test
    void chunk_entries_written_before_licences_are_of_unknown_licence() throws IOException {
        DocumentRecord old = doc("old", "en", null);
        DocumentRecord aclOnly = doc("acl", "en", List.of("finance"));
        DocumentRecord mit = doc("mit", "en", List.of("public"), "mit");
        Map<String, Set<String>> chunks =
                Map.of("legacy", legacyKeys(old), "aclOnly", aclKeys(aclOnly), "mit", FilterKeys.of(List.of(mit)));
        assertEquals(Set.of("legacy", "aclOnly"), matching(chunks, licensed("unknown", AccessScope.ALL)));
        assertEquals(Set.of("mit"), matching(chunks, licensed("mit", AccessScope.ALL)));
        assertEquals(Set.of("legacy", "aclOnly"), matching(chunks, licensed("!mit", AccessScope.ALL)));
        assertEquals(Set.of("legacy"), matching(chunks, licensed("!mit", ENG)), "the acl still holds");
        assertEquals(Set.of("legacy", "aclOnly"), matching(chunks, licensed("!mit", FINANCE)));
        assertEquals(Set.of("legacy", "aclOnly", "mit"), matching(chunks, SearchFilter.NONE));
    }

    /** The chunk entries (by ID) the filter's query matches. */
    private static Set<String> matching(Map<String, Set<String>> chunks, SearchFilter filter) throws IOException {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
                IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            chunks.forEach((id, keys) -> {
                try {
                    w.addDocument(Schema.chunkEntry(id, "text", new float[] {1, 0}, "m", keys));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher s = new IndexSearcher(reader);
                Set<String> out = new TreeSet<>();
                for (ScoreDoc sd : s.search(FilterKeys.query(filter, reader), 100).scoreDocs) {
                    out.add(s.storedFields().document(sd.doc).get(Schema.CHUNK_ID));
                }
                return out;
            }
        }
    }

    @Test
    void the_scope_and_the_fields_must_hold_for_one_document() throws IOException {
        DocumentRecord pubEn = doc("pub", "en", List.of("public"));
        DocumentRecord finDe = doc("fin", "de", List.of("finance"));
        Map<String, Set<String>> chunks = Map.of(
                "shared", FilterKeys.of(List.of(pubEn, finDe)),
                "finOnly", FilterKeys.of(List.of(finDe)),
                "pubOnly", FilterKeys.of(List.of(pubEn)));
        assertEquals(Set.of("shared", "finOnly", "pubOnly"), matching(chunks, SearchFilter.NONE));
        assertEquals(Set.of("shared", "pubOnly"), matching(chunks, SearchFilter.readableBy(ENG)));
        assertEquals(Set.of("shared", "finOnly", "pubOnly"), matching(chunks, SearchFilter.readableBy(FINANCE)));
        assertEquals(Set.of(), matching(chunks, SearchFilter.source("fin").withAccess(ENG)), "eng reads pub, not fin");
        assertEquals(
                Set.of("shared", "finOnly"),
                matching(chunks, SearchFilter.source("fin").withAccess(FINANCE)));
        assertEquals(
                Set.of(),
                matching(chunks, new SearchFilter(null, null, "de", ENG)),
                "the German document is the finance one");
        assertEquals(Set.of("shared", "pubOnly"), matching(chunks, new SearchFilter(null, null, "en", ENG)));
        assertEquals(
                Set.of("shared", "pubOnly"),
                matching(chunks, SearchFilter.readableBy(AccessScope.groups(Set.of()))),
                "no groups: public documents");
    }

    @Test
    void a_chunk_entry_written_before_acls_is_public_to_every_scope() throws IOException {
        DocumentRecord old = doc("old", "en", null);
        DocumentRecord fin = doc("fin", "en", List.of("finance"));
        Map<String, Set<String>> chunks = Map.of("legacy", legacyKeys(old), "fin", FilterKeys.of(List.of(fin)));
        assertEquals(Set.of("legacy"), matching(chunks, SearchFilter.readableBy(ENG)));
        assertEquals(
                Set.of("legacy"), matching(chunks, SearchFilter.source("old").withAccess(ENG)));
        assertEquals(Set.of(), matching(chunks, SearchFilter.source("fin").withAccess(ENG)));
        assertEquals(Set.of("legacy", "fin"), matching(chunks, new SearchFilter(null, null, "en", FINANCE)));
        assertEquals(Set.of(), matching(chunks, new SearchFilter("old", null, "de", ENG)), "fields still filter");
        assertEquals(Set.of("legacy", "fin"), matching(chunks, SearchFilter.NONE));
    }

    @Test
    void a_reader_in_more_groups_than_a_boolean_query_takes_clauses_still_searches() throws IOException {
        Set<String> many = new TreeSet<>();
        IntStream.range(0, 5000).forEach(i -> many.add("g" + i));
        many.add("finance");
        Map<String, Set<String>> chunks = Map.of("fin", FilterKeys.of(List.of(doc("fin", "en", List.of("finance")))));
        assertEquals(Set.of("fin"), matching(chunks, SearchFilter.readableBy(AccessScope.groups(many))));
        assertFalse(matching(chunks, SearchFilter.readableBy(ENG)).contains("fin"));
    }
}
