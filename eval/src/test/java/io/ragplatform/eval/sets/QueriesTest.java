package io.ragplatform.eval.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class QueriesTest {
    @Test
    void normalizes_width_case_space_and_end_punctuation() {
        assertEquals("how do i reset my password", Queries.normalize("  How do I reset   my\tpassword?? "));
        assertEquals("file", Queries.normalize("ﬁle"), "ligature");
        assertEquals("abc 123", Queries.normalize("ＡＢＣ　１２３"), "full-width letters, digits and space");
        assertEquals("non breaking", Queries.normalize("non\u00A0breaking"));
        assertEquals("zerowidth", Queries.normalize("zero\u200Bwidth"));
        assertEquals("what's new in v2.1", Queries.normalize("«What's new in v2.1?»"));
        assertEquals("is it (really) so", Queries.normalize("¿is it (really) so?!"));
        assertEquals("what is c#", Queries.normalize("What is C#?"));
        assertEquals("raise by 50%", Queries.normalize("raise by 50%."));
        assertEquals("@alice hi", Queries.normalize("@alice hi!"));
        assertEquals("", Queries.normalize(" ?!… "));
        assertEquals("straße", Queries.normalize("STRAßE"));
        assertEquals("line one line two", Queries.normalize("line one\r\nline two"));
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
