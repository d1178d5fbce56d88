package io.ragplatform.eval.grounded;

import java.util.HashMap;
import java.util.Map;

/** The axis and direction of effect words ({@link Lexicon#AXES}), looked up by the word and by its stem. */
final class Polarity {
    private Polarity() {}

    private static final Map<String, int[]> POLARITY = new HashMap<>();

    static {
        String[][][] axes = Lexicon.AXES;
        for (int a = 0; a < axes.length; a++) {
            for (int side = 0; side < 2; side++) {
                for (String w : axes[a][side]) {
                    // the first listing wins: a word on two axes keeps the first
                    POLARITY.putIfAbsent(Text.stem(w), new int[] {a, side == 0 ? 1 : -1});
                    POLARITY.putIfAbsent(w, new int[] {a, side == 0 ? 1 : -1});
                }
            }
        }
    }

    /** The axis and sign (+1 up, -1 down) of a token, or null. */
    static int[] of(Text.Tok t) {
        if (t.kind() != Text.Kind.WORD) {
            return null;
        }
        int[] p = POLARITY.get(t.lower());
        return p != null ? p : POLARITY.get(t.key());
    }
}
