package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.DocumentRejectedException;
import io.ragplatform.ingest.LicensePolicy;
import io.ragplatform.ingest.PreparedUpload;
import io.ragplatform.ingest.RejectReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Licence tags: from the upload's metadata or the policy's default, on every document of the file and every
 * occurrence of its chunks, filtered in every search mode and on pinned versions, refused when denied.
 */
class LicenseIndexTest extends IndexFixture {
    private static final String SHARED = "Shared Clause\n\nThe frobnicator warranty covers parts for three years.";

    private PreparedUpload upload(DocumentPreparer p, String sourceId, String text, String license) throws IOException {
        Path f = Files.writeString(tmp.resolve(sourceId.replace('/', '_') + ".txt"), text, StandardCharsets.UTF_8);
        Map<String, String> metadata = license == null ? Map.of() : Map.of("license", license);
        return p.prepare(f, sourceId + ".txt", sourceId, metadata, Acl.PUBLIC_ONLY);
    }

    private static SearchResults search(RagIndex index, SearchMode mode, String licenses, AccessScope access) {
        SearchFilter filter = SearchFilter.readableBy(access).withLicenses(LicenseFilter.parse(List.of(licenses)));
        return index.search(new SearchRequest("frobnicator warranty", 5, mode, filter));
    }

    private static Set<String> sources(SearchResults r) {
        return r.results().stream()
                .flatMap(h -> h.sources().stream())
                .map(Occurrence::sourceId)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void the_licence_filter_holds_in_every_mode_and_a_shared_chunk_reports_each_licence() throws IOException {
        DocumentPreparer p = TestPipeline.preparer(model, t -> "en", new LicensePolicy("internal", Set.of()));
        try (RagIndex index = newIndex(model)) {
            index.upsert(upload(p, "open/a", SHARED, "CC-BY-4.0"));
            index.upsert(upload(p, "closed/b", SHARED, "proprietary"));
            index.upsert(upload(p, "plain/c", SHARED + "\n\nAn untagged file.", null));
            assertEquals(
                    "cc-by-4.0",
                    index.documentsOfSource("open/a", AccessScope.ALL).get(0).license());
            assertEquals(
                    "internal",
                    index.documentsOfSource("plain/c", AccessScope.ALL).get(0).license());
            for (SearchMode mode : SearchMode.values()) {
                assertEquals(Set.of("open/a"), sources(search(index, mode, "cc-by-4.0", AccessScope.ALL)), mode.name());
                assertEquals(
                        Set.of("open/a", "plain/c"),
                        sources(search(index, mode, "!proprietary", AccessScope.ALL)),
                        mode.name());
                assertEquals(Set.of(), sources(search(index, mode, "gpl-3.0", AccessScope.ALL)), mode.name());
                assertEquals(
                        Set.of("closed/b"),
                        sources(search(index, mode, "proprietary", AccessScope.groups(Set.of()))),
                        mode.name());
            }
            SearchHit shared = index.search(new SearchRequest("frobnicator warranty", 1, SearchMode.KEYWORD))
                    .results()
                    .get(0);
            assertEquals(
                    Map.of("open/a", "cc-by-4.0", "closed/b", "proprietary"),
                    shared.sources().stream()
                            .collect(java.util.stream.Collectors.toMap(Occurrence::sourceId, Occurrence::license)));
        }
    }

    @Test
    void changing_only_the_licence_is_an_update_that_embeds_nothing_and_old_versions_keep_the_old_one()
            throws IOException {
        try (RagIndex index = newIndex(model)) {
            long v1 = index.upsert(upload(preparer, "doc/x", SHARED, "mit")).indexVersion();
            UpsertResult retagged = index.upsert(upload(preparer, "doc/x", SHARED, "apache-2.0"));
            assertEquals(DocumentOutcome.Status.UPDATED, retagged.status());
            assertEquals(0, retagged.embedded());
            assertEquals(1, retagged.root().version(), "the licence is in no hash");
            SearchFilter mit = SearchFilter.NONE.withLicenses(LicenseFilter.parse(List.of("mit")));
            assertTrue(index.search(new SearchRequest("frobnicator", 3, SearchMode.KEYWORD, mit))
                    .results()
                    .isEmpty());
            assertFalse(
                    index.search(new SearchRequest("frobnicator", 3, SearchMode.KEYWORD, mit, v1))
                            .results()
                            .isEmpty(),
                    "version " + v1 + " had it mit");
        }
    }

    @Test
    void a_denied_licence_is_refused_before_the_file_is_parsed_and_names_the_licence() throws IOException {
        DocumentPreparer p = TestPipeline.preparer(
                model, t -> "en", new LicensePolicy("unknown", Set.of("Proprietary", "cc-by-nc-4.0")));
        DocumentRejectedException e =
                assertThrows(DocumentRejectedException.class, () -> upload(p, "x/y", SHARED, "PROPRIETARY"));
        assertEquals(RejectReason.LICENSE_DENIED, e.reason());
        assertEquals("license_denied", e.code());
        assertTrue(e.getMessage().contains("licensed proprietary"), e.getMessage());
        DocumentRejectedException bad =
                assertThrows(DocumentRejectedException.class, () -> upload(p, "x/z", SHARED, "MIT License"));
        assertEquals(RejectReason.INVALID_REQUEST, bad.reason());
        assertEquals("mit", upload(p, "x/w", SHARED, " MIT ").license());
    }
}
