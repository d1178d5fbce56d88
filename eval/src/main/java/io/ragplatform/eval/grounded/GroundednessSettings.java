package io.ragplatform.eval.grounded;

import io.ragplatform.error.RagException;
import io.ragplatform.index.Embedders;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How answers are judged: which scorer, the support a claim needs, the offline scorers' model, the judge's endpoint
 * and the user's NLI model. Built by the edge from its configuration; {@link SupportScorers#evaluator(GroundednessSettings)} turns it
 * into a {@link Groundedness}.
 *
 * @param scorer the claim scorer
 * @param threshold the score a claim needs to count as supported, in [0, 1]; empty for the scorer's default
 *     ({@link SupportScorers#DEFAULT_THRESHOLD} offline, {@link #JUDGE_THRESHOLD} for the judge, {@link
 *     #NLI_THRESHOLD} for an NLI model)
 * @param embeddingModel the in-process model of the offline scorers ({@code Embedders.named})
 * @param llm the judge's endpoint; its model is required when {@code scorer} is {@link ScorerKind#LLM_JUDGE}
 * @param nli the user's NLI model; its model path is required when {@code scorer} is {@link ScorerKind#NLI}
 */
public record GroundednessSettings(
        ScorerKind scorer, OptionalDouble threshold, String embeddingModel, LlmJudgeSettings llm, NliSettings nli) {
    /** The default threshold of the LLM judge. */
    public static final double JUDGE_THRESHOLD = 0.5;

    /** The default threshold of the NLI scorer: an entailment probability above one half. */
    public static final double NLI_THRESHOLD = 0.5;

    public GroundednessSettings {
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(threshold, "threshold");
        threshold.ifPresent(t -> RagException.check(
                t >= 0 && t <= 1, "invalid_request", "the groundedness threshold must be in [0, 1]; was " + t));
        embeddingModel = embeddingModel == null || embeddingModel.isBlank()
                ? Embedders.ALL_MINILM_L6_V2_Q
                : embeddingModel.strip();
        llm = llm == null ? LlmJudgeSettings.defaults() : llm;
        RagException.check(
                scorer != ScorerKind.LLM_JUDGE || llm.model().isPresent(),
                "invalid_request",
                "the llm-judge scorer needs the name of the LLM model to ask");
        nli = nli == null ? NliSettings.defaults() : nli;
        RagException.check(
                scorer != ScorerKind.NLI || nli.model().isPresent(),
                "invalid_request",
                "the nli scorer needs the path of the ONNX model to run (model.onnx)");
    }

    /** Settings without an NLI model. */
    public GroundednessSettings(
            ScorerKind scorer, OptionalDouble threshold, String embeddingModel, LlmJudgeSettings llm) {
        this(scorer, threshold, embeddingModel, llm, null);
    }

    /** The offline default: align-contrast over all-MiniLM-L6-v2 at its own threshold. */
    public static GroundednessSettings defaults() {
        return of(ScorerKind.ALIGN_CONTRAST);
    }

    /** {@code scorer} with every other setting at its default. */
    public static GroundednessSettings of(ScorerKind scorer) {
        return new GroundednessSettings(scorer, OptionalDouble.empty(), null, null, null);
    }

    /** These settings with another scorer. */
    public GroundednessSettings withScorer(ScorerKind scorer) {
        return new GroundednessSettings(scorer, threshold, embeddingModel, llm, nli);
    }

    /** These settings with another threshold. */
    public GroundednessSettings withThreshold(double threshold) {
        return new GroundednessSettings(scorer, OptionalDouble.of(threshold), embeddingModel, llm, nli);
    }

    /** These settings with another judge endpoint. */
    public GroundednessSettings withLlm(LlmJudgeSettings llm) {
        return new GroundednessSettings(scorer, threshold, embeddingModel, llm, nli);
    }

    /** These settings with another NLI model. */
    public GroundednessSettings withNli(NliSettings nli) {
        return new GroundednessSettings(scorer, threshold, embeddingModel, llm, nli);
    }

    /** The threshold in force: the one set, else the scorer's default. */
    public double effectiveThreshold() {
        return threshold.orElse(
                switch (scorer) {
                    case LLM_JUDGE -> JUDGE_THRESHOLD;
                    case NLI -> NLI_THRESHOLD;
                    default -> SupportScorers.DEFAULT_THRESHOLD;
                });
    }
}
