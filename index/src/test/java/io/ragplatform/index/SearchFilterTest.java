package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import org.junit.jupiter.api.Test;

/** The filter value and the validation of search requests. */
class SearchFilterTest {
    @Test
    void an_empty_filter_matches_everything_and_each_given_field_must_match() {
        assertTrue(SearchFilter.NONE.isEmpty());
        assertTrue(SearchFilter.NONE.matches("a", "text/plain", "en"));
        SearchFilter f = new SearchFilter("a", null, "en");
        assertFalse(f.isEmpty());
        assertTrue(f.matches("a", "application/pdf", "en"));
        assertFalse(f.matches("a", "text/plain", "de"));
        assertFalse(f.matches("b", "text/plain", "en"));
        assertEquals(new SearchFilter("a", null, null), SearchFilter.source("a"));
    }

    @Test
    void a_blank_value_is_refused_as_invalid_input() {
        RagException e = assertThrows(RagException.class, () -> new SearchFilter(" ", null, null));
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
