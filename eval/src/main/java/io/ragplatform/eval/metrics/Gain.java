package io.ragplatform.eval.metrics;

/** How a relevance grade turns into DCG gain. Grades of 0 or below gain nothing under either. */
public enum Gain {
    /**
     * {@code 2^grade - 1} (Burges et al.): grade 1 gains 1, grade 2 gains 3, grade 3 gains 7. The default here; equal to
     * {@link #LINEAR} when every grade is 0 or 1.
     */
    EXPONENTIAL,
    /**
     * {@code grade}: what trec_eval's {@code ndcg_cut} (and so pytrec_eval and the BEIR leaderboards) uses. Choose it
     * to compare graded results with published BEIR numbers.
     */
    LINEAR;

    double of(int grade) {
        if (grade <= 0) {
            return 0.0;
        }
        return this == LINEAR ? grade : Math.pow(2.0, grade) - 1.0;
    }
}
