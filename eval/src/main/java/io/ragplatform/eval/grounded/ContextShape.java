package io.ragplatform.eval.grounded;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a claim is checked against a long document rather than short passages: some context has at least {@link
 * #DOCUMENT_SENTENCES} sentences, or is a dialogue (at least {@link #DIALOGUE_TURNS} speaker turns such as "Ann:" or
 * "Project Manager:", one speaker speaking at least twice). A summary of a long document or a conversation paraphrases
 * it, so {@link AlignContrastScorer} weighs the plain words such contexts lack differently and also aligns the claim
 * with neighbouring sentences (see docs/GROUNDEDNESS.md, "SummEdits"). Retrieved chunks and abstracts are short
 * passages; so is a structured abstract ("Background: … Methods: …"), whose labels each occur once.
 */
final class ContextShape {
    private ContextShape() {}

    /** The sentences that make a context a long document (about a page of prose). */
    static final int DOCUMENT_SENTENCES = 20;

    /** The speaker turns that make a context a dialogue. */
    static final int DIALOGUE_TURNS = 4;

    /**
     * A speaker turn: at the start of the text, of a line or of a sentence, one to three capitalised words (the first
     * with a lower-case letter, so "RESULTS:" is no speaker) and a colon.
     */
    private static final Pattern TURN = Pattern.compile(
            "(?:^|(?<=\\n)|(?<=[.!?…]\\s))[ \\t]*(\\p{Lu}\\p{Ll}[\\p{L}'’.-]*(?: \\p{Lu}[\\p{L}'’.-]*){0,2}):\\s");

    /**
     * Whether the contexts hold a long document or a dialogue.
     *
     * @param contexts the contexts
     * @param sentences each context's sentences, in the same order
     */
    static boolean document(List<String> contexts, List<List<String>> sentences) {
        for (int i = 0; i < contexts.size(); i++) {
            if (sentences.get(i).size() >= DOCUMENT_SENTENCES || dialogue(contexts.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** At least {@link #DIALOGUE_TURNS} speaker turns, some speaker taking two of them. */
    static boolean dialogue(String context) {
        Matcher m = TURN.matcher(context);
        Map<String, Integer> speakers = new HashMap<>();
        int turns = 0;
        boolean repeated = false;
        while (m.find()) {
            turns++;
            repeated |= speakers.merge(m.group(1), 1, Integer::sum) > 1;
        }
        return turns >= DIALOGUE_TURNS && repeated;
    }
}
