package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimSplitterTest {
    private final ClaimSplitter splitter = new ClaimSplitter();

    @Test
    void splitsSentences() {
        assertEquals(
                List.of("Paris is the capital of France.", "It has 2.1 million inhabitants!", "Is it large?", "Yes."),
                splitter.split("Paris is the capital of France. It has 2.1 million inhabitants! Is it large? Yes."));
    }

    @Test
    void keepsAbbreviationsAndDecimalsInside() {
        assertEquals(
                List.of("Some drugs, e.g. metformin, lower glucose by 3.5 mmol/L in adults.", "Others do not."),
                splitter.split("Some drugs, e.g. metformin, lower glucose by 3.5 mmol/L in adults. Others do not."));
        assertEquals(
                List.of("Smith et al. Reported it in the U.S. In 2020 it was confirmed."),
                List.of(String.join(
                        " ", splitter.split("Smith et al. Reported it in the U.S. In 2020 it was confirmed."))));
        assertEquals(
                List.of("Dr. Jones treated H. pylori with i.e. two antibiotics (vs. one) at 0.5 mg."),
                splitter.split("Dr. Jones treated H. pylori with i.e. two antibiotics (vs. one) at 0.5 mg."));
        assertEquals(
                List.of("Water boils at 100 C.", "The author is J. Smith.", "Vitamin C.", "The end."),
                splitter.split("Water boils at 100 C. The author is J. Smith. Vitamin C. The end."));
        assertEquals(
                List.of("Fig. 2 shows the effect.", "It is large."),
                splitter.split("Fig. 2 shows the effect. It is large."));
    }

    @Test
    void aLowerCaseWordAfterAPeriodContinuesTheSentence() {
        assertEquals(
                List.of("The dose was approx. five times higher."),
                splitter.split("The dose was approx. five times higher."));
    }

    @Test
    void closingQuotesAndBracketsStayWithTheirSentence() {
        assertEquals(
                List.of("He said \"it works.\"", "(This was tested.)", "Done."),
                splitter.split("He said \"it works.\" (This was tested.) Done."));
    }

    @Test
    void gluedSentencesAndListItemsAreSplit() {
        assertEquals(
                List.of("It was published in the 19th century.", "First for Women is a magazine."),
                splitter.split("It was published in the 19th century.First for Women is a magazine."));
        assertEquals(
                List.of("Benefits:", "- lowers glucose", "- reduces weight", "2. costs little"),
                splitter.split("Benefits:\n- lowers glucose\n- reduces weight\n2. costs little"));
        assertEquals(
                List.of("One paragraph", "Another paragraph"), splitter.split("One paragraph\n\nAnother paragraph"));
        assertEquals(
                List.of("A sentence wrapped over two lines."), splitter.split("A sentence wrapped\nover two lines."));
    }

    @Test
    void emptyAndPunctuationOnlyGiveNoClaims() {
        assertEquals(List.of(), splitter.split(null));
        assertEquals(List.of(), splitter.split("   "));
        assertEquals(List.of(), splitter.split("... !?"));
        assertEquals(List.of("Delhi"), splitter.split("Delhi"));
    }

    @Test
    void isDeterministicWhateverTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            assertEquals(
                    List.of("INSULIN IS DISCUSSED I.E. HERE.", "Next."),
                    splitter.split("INSULIN IS DISCUSSED I.E. HERE. Next."));
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }
}
