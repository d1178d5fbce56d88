package io.ragplatform.eval.grounded;

import java.util.List;

/**
 * Scores how well a set of context passages supports one claim. Implementations are thread-safe and deterministic
 * for the same inputs (an LLM judge is as deterministic as its endpoint at temperature 0).
 */
public interface SupportScorer {
    /**
     * The support of {@code claim} by {@code contexts}, in [0, 1]: higher means better supported. A claim that the
     * contexts contradict (a negation, a reversed effect, a changed number or entity) should score lower than the
     * same claim stated faithfully. Empty contexts support nothing: 0.
     */
    double support(String claim, List<String> contexts);

    /** A short stable name for reports, such as {@code "align-contrast"} or {@code "llm-judge"}. */
    String name();

    /**
     * The model behind the scores (an embedding model's ID, an LLM's name), recorded with a run's pins; null when the
     * scorer uses none.
     */
    default String modelId() {
        return null;
    }

    /**
     * The version of the scorer's own rules and weights, recorded with a run's pins so that runs scored by different
     * versions are told apart; null when it has none (its model or endpoint decides its scores).
     */
    default String version() {
        return null;
    }
}
