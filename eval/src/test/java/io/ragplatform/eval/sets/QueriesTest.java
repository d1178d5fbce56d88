package io.ragplatform.eval.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueriesTest {
    @ParameterizedTest(name = "[{index}] {0} → {1}")
    @MethodSource("normalizations")
    void normalizes_width_case_space_and_end_punctuation(String query, String normalized, String what) {
        assertEquals(normalized, Queries.normalize(query), what);
    }

    /** A query as typed, its normalized form, and what the case shows (when not plain from the two). */
    static Stream<Arguments> normalizations() {
        return Stream.of(
                arguments("  How do I reset   my\tpassword?? ", "how do i reset my password", null),
                arguments("ﬁle", "file", "ligature"),
                arguments("ＡＢＣ　１２３", "abc 123", "full-width letters, digits and space"),
                arguments("non\u00A0breaking", "non breaking", null),
                arguments("zero\u200Bwidth", "zerowidth", null),
                arguments("«What's new in v2.1?»", "what's new in v2.1", null),
                arguments("¿is it (really) so?!", "is it (really) so", null),
                arguments("What is C#?", "what is c#", null),
                arguments("raise by 50%.", "raise by 50%", null),
                arguments("@alice hi!", "@alice hi", null),
                arguments(" ?!… ", "", null),
                arguments("STRAßE", "straße", null),
                arguments("line one\r\nline two", "line one line two", null));
    }

    @Test
    void does_not_depend_on_the_default_locale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals("title", Queries.normalize("TITLE"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void tokens_are_letter_and_digit_runs() {
        assertEquals(List.of("what", "s", "new", "in", "v2", "1"), Queries.tokens("what's new in v2.1"));
        assertEquals(List.of("naïve", "café", "東京"), Queries.tokens("naïve-café / 東京"));
        assertEquals(List.of("नमस्ते", "दुनिया"), Queries.tokens("नमस्ते दुनिया"), "combining marks stay in the word");
        assertEquals(List.of(), Queries.tokens("#%"));
    }
}
