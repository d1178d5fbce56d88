package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimSplitterTest {
    private final ClaimSplitter splitter = new ClaimSplitter();

    private void assertSplits(String text, String... sentences) {
        assertEquals(List.of(sentences), splitter.split(text));
    }

    @Test
    void splitsSentences() {
        assertSplits(
                "Paris is the capital of France. It has 2.1 million inhabitants! Is it large? Yes.",
                "Paris is the capital of France.",
                "It has 2.1 million inhabitants!",
                "Is it large?",
                "Yes.");
    }

    @Test
    void splitsChineseSentencesWithoutSpaces() {
        assertSplits("他来了。她走了！", "他来了。", "她走了！");
        assertSplits("你去吗？我去；他不去。", "你去吗？", "我去；", "他不去。");
    }

    @Test
    void keepsClosingQuotesWithTheirChineseSentence() {
        assertSplits("他说：“你好。”她说：「再见！」然后走了", "他说：“你好。”", "她说：「再见！」", "然后走了");
    }

    @Test
    void keepsAbbreviationsAndDecimalsInside() {
        assertSplits(
                "Some drugs, e.g. metformin, lower glucose by 3.5 mmol/L in adults. Others do not.",
                "Some drugs, e.g. metformin, lower glucose by 3.5 mmol/L in adults.",
                "Others do not.");
        assertEquals(
                List.of("Smith et al. Reported it in the U.S. In 2020 it was confirmed."),
                List.of(String.join(
                        " ", splitter.split("Smith et al. Reported it in the U.S. In 2020 it was confirmed."))));
        assertSplits(
                "Dr. Jones treated H. pylori with i.e. two antibiotics (vs. one) at 0.5 mg.",
                "Dr. Jones treated H. pylori with i.e. two antibiotics (vs. one) at 0.5 mg.");
        assertSplits(
                "Water boils at 100 C. The author is J. Smith. Vitamin C. The end.",
                "Water boils at 100 C.",
                "The author is J. Smith.",
                "Vitamin C.",
                "The end.");
        assertSplits("Fig. 2 shows the effect. It is large.", "Fig. 2 shows the effect.", "It is large.");
    }

    @Test
    void aLowerCaseWordAfterAPeriodContinuesTheSentence() {
        assertSplits("The dose was approx. five times higher.", "The dose was approx. five times higher.");
    }

    @Test
    void closingQuotesAndBracketsStayWithTheirSentence() {
        assertSplits(
                "He said \"it works.\" (This was tested.) Done.",
                "He said \"it works.\"",
                "(This was tested.)",
                "Done.");
    }

    @Test
    void gluedSentencesAndListItemsAreSplit() {
        assertSplits(
                "It was published in the 19th century.First for Women is a magazine.",
                "It was published in the 19th century.",
                "First for Women is a magazine.");
        assertSplits(
                "Benefits:\n- lowers glucose\n- reduces weight\n2. costs little",
                "Benefits:",
                "- lowers glucose",
                "- reduces weight",
                "2. costs little");
        assertSplits("One paragraph\n\nAnother paragraph", "One paragraph", "Another paragraph");
        assertSplits("A sentence wrapped\nover two lines.", "A sentence wrapped over two lines.");
    }

    @Test
    void emptyAndPunctuationOnlyGiveNoClaims() {
        assertEquals(List.of(), splitter.split(null));
        assertEquals(List.of(), splitter.split("   "));
        assertEquals(List.of(), splitter.split("... !?"));
        assertSplits("Delhi", "Delhi");
    }

    @Test
    void isDeterministicWhateverTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            assertSplits("INSULIN IS DISCUSSED I.E. HERE. Next.", "INSULIN IS DISCUSSED I.E. HERE.", "Next.");
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }
}
