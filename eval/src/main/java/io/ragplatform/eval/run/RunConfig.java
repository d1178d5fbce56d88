package io.ragplatform.eval.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ragplatform.eval.grounded.Groundedness;
import io.ragplatform.eval.metrics.Bootstrap;
import io.ragplatform.eval.metrics.Evaluator;
import io.ragplatform.eval.metrics.Gain;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that decides a run's numbers, as stored with the run ({@code RunPins.configJson}) and shown by the REST
 * run views as {@code config}. {@link #json()} is the one place that form is written: canonical JSON with sorted keys,
 * the same keys and values for every run ever stored, so old runs read back alike.
 *
 * @param mode the retrieval mode, lower-case
 * @param k the metrics' cut-off
 * @param depth how many chunks each query retrieved
 * @param ndcgCutoff nDCG's cut-off
 * @param ndcgGain nDCG's gain function
 * @param groundedness how answers were judged; empty when the set had no answers
 */
public record RunConfig(
        String mode, int k, int depth, int ndcgCutoff, Gain ndcgGain, Optional<GroundednessPins> groundedness) {
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /**
     * The judge of a run's answers, as it ran.
     *
     * @param scorer the scorer's name ({@code align-contrast}, ...)
     * @param model its model, or null when it uses none
     * @param threshold the support a claim needed
     */
    public record GroundednessPins(String scorer, String model, double threshold) {
        public GroundednessPins {
            Objects.requireNonNull(scorer, "scorer");
        }

        static GroundednessPins of(Groundedness judge) {
            return new GroundednessPins(judge.scorer().name(), judge.scorer().modelId(), judge.threshold());
        }
    }

    public RunConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(ndcgGain, "ndcgGain");
        Objects.requireNonNull(groundedness, "groundedness");
    }

    /** The configuration of a run of {@code spec}, judged by {@code judge} (null: no answers to judge). */
    public static RunConfig of(RunSpec spec, Groundedness judge) {
        return new RunConfig(
                spec.mode().name().toLowerCase(Locale.ROOT),
                spec.k(),
                spec.depth(),
                Evaluator.NDCG_CUTOFF,
                EvalRunner.GAIN,
                Optional.ofNullable(judge).map(GroundednessPins::of));
    }

    /** The stored form: canonical JSON (keys sorted). */
    public String json() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("mode", mode);
        config.put("k", k);
        config.put("depth", depth);
        config.put("ndcgCutoff", ndcgCutoff);
        config.put("ndcgGain", ndcgGain.name().toLowerCase(Locale.ROOT));
        config.put("documentRanking", "source at its best chunk");
        config.put(
                "bootstrap",
                Map.of("resamples", Bootstrap.DEFAULT_RESAMPLES, "seed", Bootstrap.DEFAULT_SEED, "interval", 0.95));
        groundedness.ifPresent(judge -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("scorer", judge.scorer());
            if (judge.model() != null) {
                g.put("model", judge.model());
            }
            g.put("threshold", judge.threshold());
            g.put("evidence", "contexts, else the top k retrieved chunks");
            config.put("groundedness", g);
        });
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a run's configuration as JSON", e);
        }
    }
}
