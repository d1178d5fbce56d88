package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which contexts are long documents or dialogues. */
class ContextShapeTest {
    private static final ClaimSplitter SPLITTER = new ClaimSplitter();

    private static boolean document(String... contexts) {
        List<String> c = List.of(contexts);
        return ContextShape.document(c, c.stream().map(SPLITTER::split).toList());
    }

    @Test
    void speaker_turns_make_a_dialogue_on_one_line_or_many() {
        assertTrue(
                document("Ann: Darling, buy some butter. . Mike: Ok. . Mike: Do we have milk? . Ann: I will check."));
        assertTrue(document(
                "Project Manager: Is it easy?\nUser Interface: Yeah.\nProject Manager: Good.\nMarketing: No."));
    }

    @Test
    void labels_of_a_structured_abstract_and_short_passages_are_no_dialogue() {
        assertFalse(
                document(
                        "Background: Statins lower cholesterol. Methods: We enrolled 412 adults. Results: Glucose fell."
                                + " Conclusions: Statins help."),
                "each label occurs once");
        assertFalse(document("BACKGROUND: a. METHODS: b. BACKGROUND: c. METHODS: d."), "capitals are no speaker");
        assertFalse(document("Lost laptops are reported to the service desk.", "Backups are kept for 35 days."));
    }

    @Test
    void twenty_sentences_in_one_context_make_a_long_document_but_not_across_contexts() {
        String sentence = "The team shipped the release on time. ";
        assertTrue(document(sentence.repeat(ContextShape.DOCUMENT_SENTENCES)));
        assertFalse(document(sentence.repeat(ContextShape.DOCUMENT_SENTENCES - 1)));
        String[] chunks = new String[ContextShape.DOCUMENT_SENTENCES];
        java.util.Arrays.fill(chunks, sentence);
        assertFalse(document(chunks), "retrieved chunks are short passages");
    }
}
