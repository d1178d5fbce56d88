package io.ragplatform.eval.grounded;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bag-of-words baseline: the share of the claim's content words (stemmed; numbers and codes as written) that
 * occur anywhere in the contexts. Catches answers with words the contexts lack; blind to a context's own words
 * rearranged to say something else. Thread-safe.
 */
public final class LexicalCoverageScorer implements SupportScorer {
    @Override
    public double support(String claim, List<String> contexts) {
        if (contexts == null || contexts.isEmpty()) {
            return 0;
        }
        Set<String> keys = new HashSet<>();
        for (String c : contexts) {
            keys.addAll(Text.keys(Text.tokens(c)));
        }
        return coverage(Text.tokens(claim), keys);
    }

    static double coverage(List<Text.Tok> claim, Set<String> keys) {
        int n = 0;
        int found = 0;
        for (Text.Tok t : claim) {
            if (Text.content(t)) {
                n++;
                if (keys.contains(t.key()) || keys.contains(t.lower())) {
                    found++;
                }
            }
        }
        return n == 0 ? 1 : (double) found / n;
    }

    @Override
    public String name() {
        return "lexical-coverage";
    }
}
