package io.ragplatform.eval.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErasedSpansTest {
    static final ErasedSpans SPANS = new ErasedSpans(List.of(
            "The Orion migration plan moves every ledger replica to the Frankfurt region before March.",
            "猎户座迁移计划要求在三月之前把所有账本副本迁移到法兰克福区域",
            "Zephyrine Kowalczyk, operator",
            "Appendix"));

    @Test
    void eight_shared_words_match_whatever_the_case_and_punctuation_seven_or_a_changed_word_do_not() {
        holds(
                SPANS,
                "note: ORION migration plan moves every ledger replica to (the) frankfurt!",
                "moves every ledger replica to the Frankfurt region");
        holdsNot(
                SPANS,
                "moves every ledger replica to the Frankfurt",
                "the Orion migration plan moves all ledger replicas to the Frankfurt region");
    }

    @Test
    void twelve_shared_cjk_characters_match_eleven_do_not() {
        holds(SPANS, "据说把所有账本副本迁移到法兰已经开始");
        holdsNot(SPANS, "据说把所有账本副本迁移到法已经开始");
        // a mix: 2 words (3 each) and 9 characters (2 each) weigh 24; 1 word and 9 characters do not
        ErasedSpans mixed = new ErasedSpans(List.of("the Orion plan 把所有账本副本迁移 ends"));
        holds(mixed, "→ Orion plan 把所有账本副本迁移 here");
        holdsNot(mixed, "→ plan 把所有账本副本迁移 here");
    }

    @Test
    void a_whole_short_text_matches_inside_a_field_but_one_word_alone_does_not() {
        holds(SPANS, "Ask zephyrine KOWALCZYK operator, on call.");
        holdsNot(SPANS, "Ask Zephyrine Kowalczyk, on call.", "See the appendix.");
    }

    private static void holds(ErasedSpans spans, String... fields) {
        for (String field : fields) {
            assertTrue(spans.holds(field), field);
        }
    }

    private static void holdsNot(ErasedSpans spans, String... fields) {
        for (String field : fields) {
            assertFalse(spans.holds(field), field);
        }
    }

    @Test
    void tokens_are_nfkc_lower_cased_words_and_single_cjk_characters() {
        assertEquals(List.of("full", "width", "é", "测", "试", "x2"), ErasedSpans.tokens("ＦＵＬＬ-Width é 测试x2"));
        assertTrue(new ErasedSpans(List.of("  ", "one")).isEmpty());
        assertFalse(SPANS.holds(null));
        assertFalse(SPANS.holds(EvalStore.ERASED));
    }
}
