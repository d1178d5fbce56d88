package io.ragplatform.index.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.index.AccessScope;
import io.ragplatform.index.LicenseFilter;
import io.ragplatform.index.SearchFilter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** LangChain4j metadata filters as the index's filter: the fields, and the licence with its four comparisons. */
class IndexFilterTest {
    private static final AccessScope ENG = AccessScope.groups(Set.of("eng"));

    @Test
    void licence_comparisons_become_the_index_licence_filter() {
        SearchFilter in = IndexFilter.from(
                        metadataKey("license")
                                .isIn(List.of("MIT", "cc-by-4.0"))
                                .and(metadataKey("sourceId").isEqualTo("a")),
                        ENG)
                .filter();
        assertEquals(new SearchFilter("a", null, null, LicenseFilter.parse(List.of("mit,cc-by-4.0")), ENG), in);
        SearchFilter out = IndexFilter.from(
                        metadataKey("license")
                                .isNotIn(List.of("proprietary"))
                                .and(metadataKey("license").isNotEqualTo("gpl-3.0")),
                        AccessScope.ALL)
                .filter();
        assertEquals(Set.of("proprietary", "gpl-3.0"), out.licenses().exclude());
        assertTrue(out.licenses().include().isEmpty());
        assertEquals(
                Set.of("mit"),
                IndexFilter.from(metadataKey("license").isEqualTo("mit"), ENG)
                        .filter()
                        .licenses()
                        .include());
        assertFalse(IndexFilter.from(null, ENG).unsatisfiable());
    }

    @Test
    void what_the_index_cannot_filter_on_is_refused_with_what_it_can() {
        UnsupportedOperationException twice = assertThrows(
                UnsupportedOperationException.class,
                () -> IndexFilter.from(
                        metadataKey("license")
                                .isEqualTo("mit")
                                .and(metadataKey("license").isIn(List.of("a", "b"))),
                        ENG));
        assertTrue(twice.getMessage().contains("one isEqualTo or isIn"), twice.getMessage());
        UnsupportedOperationException other = assertThrows(
                UnsupportedOperationException.class,
                () -> IndexFilter.from(metadataKey("team").isEqualTo("x"), ENG));
        assertTrue(other.getMessage().contains("isNotIn"), other.getMessage());
    }
}
