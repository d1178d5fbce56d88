package io.ragplatform.index.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.index.AccessScope;
import io.ragplatform.index.IndexVersion;
import io.ragplatform.index.SearchFilter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stored format of commit user data and of filter terms: keys and encodings existing indexes hold. */
class CommitManifestTest {
    @Test
    void a_manifest_reads_back_what_it_writes_under_the_stored_keys() {
        CommitManifest m = CommitManifest.now(7, "model-x", 384, "canon-1/chunk-1", 3, 12, "upsert a.txt");
        Map<String, String> data = m.userData();
        assertEquals(
                List.of(
                        "rag.indexVersion",
                        "rag.model",
                        "rag.dimension",
                        "rag.pipeline",
                        "rag.committedAt",
                        "rag.documents",
                        "rag.chunks",
                        "rag.change"),
                List.copyOf(data.keySet()));
        assertEquals("7", data.get("rag.indexVersion"));
        assertEquals(m, CommitManifest.parse(data));
        IndexVersion v = m.toIndexVersion(List.of("eval-run:1"));
        assertEquals(7, v.version());
        assertEquals(384, v.dimension());
        assertEquals(List.of("eval-run:1"), v.pinnedBy());
    }

    @Test
    void a_commit_without_a_version_is_the_empty_index() {
        CommitManifest m = CommitManifest.parse(Map.of());
        assertFalse(m.versioned());
        assertEquals(CommitManifest.EMPTY, m);
        assertEquals(0, m.version());
    }

    @Test
    void a_long_change_is_cut_to_200_characters() {
        assertEquals(
                200,
                CommitManifest.now(1, "m", 2, "p", 0, 0, "x".repeat(500))
                        .change()
                        .length());
    }

    @Test
    void filter_terms_tag_each_field_and_a_filter_of_several_fields_is_one_term() {
        assertEquals("s=a\0l=en\0", FilterKeys.key("a", null, "en"));
        assertEquals("s=a\0t=text/plain\0l=en\0", FilterKeys.key("a", "text/plain", "en"));
        assertTrue(FilterKeys.query(SearchFilter.NONE, Set::of).toString().contains("type:chunk"));
        assertTrue(FilterKeys.query(new SearchFilter("a", null, "en", AccessScope.ALL), Set::of)
                .toString()
                .contains("filter:s=a"));
    }
}
