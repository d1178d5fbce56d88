package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import io.ragplatform.ingest.Acl;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The filter value and the validation of search requests. */
class SearchFilterTest {
    @Test
    void an_empty_filter_matches_everything_and_each_given_field_must_match() {
        assertTrue(SearchFilter.NONE.isEmpty());
        assertTrue(SearchFilter.NONE.matches("a", "text/plain", "en", "unknown", List.of("finance")));
        SearchFilter f = new SearchFilter("a", null, "en", AccessScope.ALL);
        assertFalse(f.isEmpty());
        assertTrue(f.matches("a", "application/pdf", "en", "unknown", Acl.PUBLIC_ONLY));
        assertFalse(f.matches("a", "text/plain", "de", "unknown", Acl.PUBLIC_ONLY));
        assertFalse(f.matches("b", "text/plain", "en", "unknown", Acl.PUBLIC_ONLY));
        assertEquals(new SearchFilter("a", null, null, AccessScope.ALL), SearchFilter.source("a"));
    }

    @Test
    void the_access_scope_is_part_of_the_filter_and_holds_for_the_same_document() {
        SearchFilter eng = new SearchFilter("a", null, null, AccessScope.groups(Set.of("eng")));
        assertFalse(eng.isEmpty());
        assertFalse(SearchFilter.readableBy(AccessScope.groups(Set.of())).isEmpty(), "public only is a restriction");
        assertTrue(eng.matches("a", "text/plain", "en", "unknown", Acl.PUBLIC_ONLY));
        assertTrue(eng.matches("a", "text/plain", "en", "unknown", List.of("eng", "finance")));
        assertFalse(eng.matches("a", "text/plain", "en", "unknown", List.of("finance")), "not readable");
        assertFalse(eng.matches("b", "text/plain", "en", "unknown", List.of("eng")), "readable, other source");
        assertEquals(SearchFilter.source("a").withAccess(AccessScope.groups(Set.of("eng"))), eng);
        assertEquals(SearchFilter.NONE, SearchFilter.readableBy(AccessScope.ALL));
        assertTrue(SearchFilter.readableBy(AccessScope.ALL).isEmpty());
    }

    @Test
    void an_access_scope_is_immutable_sorted_and_sees_public_documents_or_its_groups() {
        Set<String> given = new java.util.HashSet<>(Set.of("eng", " ops", "eng "));
        AccessScope scope = AccessScope.groups(given);
        given.add("finance");
        assertEquals(List.of("eng", "ops"), List.copyOf(scope.groups()), "trimmed, distinct, sorted, copied");
        assertThrows(UnsupportedOperationException.class, () -> scope.groups().add("x"));
        assertEquals(AccessScope.groups(Set.of("ops", "eng")), scope);
        assertEquals("AccessScope[eng, ops]", scope.toString());
        assertTrue(scope.canRead(Acl.PUBLIC_ONLY));
        assertTrue(scope.canRead(List.of("finance", "ops")));
        assertFalse(scope.canRead(List.of("finance")));
        assertTrue(AccessScope.ALL.canRead(List.of("finance")));
        assertFalse(AccessScope.ALL.canRead(List.of("finance")) && !AccessScope.ALL.all());
        assertTrue(AccessScope.groups(Set.of()).canRead(Acl.PUBLIC_ONLY), "no groups: public documents");
        assertFalse(AccessScope.groups(Set.of()).canRead(List.of("eng")));
        assertThrows(RagException.class, () -> AccessScope.groups(Set.of(" ")));
        assertThrows(IllegalArgumentException.class, () -> new AccessScope(true, new java.util.TreeSet<>(Set.of("x"))));
    }

    @Test
    void a_scope_covers_another_when_it_may_read_all_that_one_may() {
        AccessScope eng = AccessScope.groups(Set.of("eng"));
        AccessScope engFinance = AccessScope.groups(Set.of("eng", "finance"));
        AccessScope publicOnly = AccessScope.groups(Set.of());
        assertTrue(AccessScope.ALL.covers(engFinance));
        assertTrue(AccessScope.ALL.covers(AccessScope.ALL));
        assertTrue(engFinance.covers(eng));
        assertTrue(eng.covers(publicOnly));
        assertFalse(eng.covers(engFinance));
        assertFalse(engFinance.covers(AccessScope.ALL), "what everyone-access saw may hold any group's documents");
        assertFalse(publicOnly.covers(eng));
    }

    @Test
    void a_blank_value_is_refused_as_invalid_input() {
        RagException e = assertThrows(RagException.class, () -> new SearchFilter(" ", null, null, AccessScope.ALL));
        assertEquals("invalid_request", e.code());
        assertEquals(ErrorCategory.INVALID_INPUT, e.category());
    }

    @Test
    void a_bad_request_is_refused_with_the_code_the_api_answers() {
        RagException k = assertThrows(RagException.class, () -> new SearchRequest("q", 0, SearchMode.KEYWORD));
        assertEquals("invalid_request", k.code());
        assertTrue(k.getMessage().contains("k must be between 1 and 1000"), k.getMessage());
        RagException mode = assertThrows(RagException.class, () -> SearchMode.parse("fuzzy"));
        assertEquals("invalid_request", mode.code());
        assertTrue(mode.getMessage().startsWith("mode must be one of"), mode.getMessage());
        assertEquals(SearchMode.HYBRID, SearchMode.parse(" Hybrid "));
    }
}
