package io.ragplatform.eval.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ragplatform.eval.grounded.Calibration;
import io.ragplatform.eval.grounded.Groundedness;
import io.ragplatform.eval.metrics.Bootstrap;
import io.ragplatform.eval.metrics.Evaluator;
import io.ragplatform.eval.metrics.Gain;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.LicenseFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
 * @param access who the run searched as: a reader's scope is stored as {@code "access": {"groups": [...]}};
 *     {@link AccessScope#ALL} is stored as no entry, as every run stored before access control was (it saw every
 *     document), so their stored form is unchanged
 * @param licenses which licences' documents the run retrieved: stored as {@code "license": "mit,!proprietary"}; every
 *     licence ({@link LicenseFilter#ANY}) is stored as no entry, as every run stored before licences was
 */
public record RunConfig(
        String mode,
        int k,
        int depth,
        int ndcgCutoff,
        Gain ndcgGain,
        Optional<GroundednessPins> groundedness,
        AccessScope access,
        LicenseFilter licenses) {
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /**
     * The judge of a run's answers, as it ran.
     *
     * @param scorer the scorer's name ({@code align-contrast}, ...)
     * @param model its model, or null when it uses none
     * @param threshold the support a claim needed
     * @param calibration how that threshold was chosen, or null when it was not measured (a threshold set by hand)
     * @param version the version of the scorer's rules and weights, or null when it has none
     */
    public record GroundednessPins(
            String scorer, String model, double threshold, Calibration calibration, String version) {
        public GroundednessPins {
            Objects.requireNonNull(scorer, "scorer");
        }

        static GroundednessPins of(Groundedness judge) {
            return new GroundednessPins(
                    judge.scorer().name(),
                    judge.scorer().modelId(),
                    judge.threshold(),
                    Calibration.of(judge.scorer().name(), judge.threshold()).orElse(null),
                    judge.scorer().version());
        }
    }

    public RunConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(ndcgGain, "ndcgGain");
        Objects.requireNonNull(groundedness, "groundedness");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(licenses, "licenses");
    }

    /** The configuration of a run of {@code spec}, judged by {@code judge} (null: no answers to judge). */
    public static RunConfig of(RunSpec spec, Groundedness judge) {
        return new RunConfig(
                spec.mode().name().toLowerCase(Locale.ROOT),
                spec.k(),
                spec.depth(),
                Evaluator.NDCG_CUTOFF,
                EvalRunner.GAIN,
                Optional.ofNullable(judge).map(GroundednessPins::of),
                spec.access(),
                spec.licenses());
    }

    /**
     * Who a stored run searched as, read from its configuration JSON: {@link AccessScope#ALL} for a run stored before
     * access control (or without a configuration), which saw every document.
     *
     * @throws IllegalStateException when the stored configuration is not JSON or its access entry is malformed
     */
    public static AccessScope accessOf(String configJson) {
        if (configJson == null) {
            return AccessScope.ALL;
        }
        JsonNode access;
        try {
            access = JSON.readTree(configJson).path("access");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run configuration is not JSON", e);
        }
        if (access.isMissingNode()) {
            return AccessScope.ALL;
        }
        JsonNode groups = access.path("groups");
        if (!groups.isArray()) {
            throw new IllegalStateException("a stored run's access names no groups: " + access);
        }
        Set<String> names = new TreeSet<>();
        groups.forEach(g -> names.add(g.asText()));
        return AccessScope.groups(names);
    }

    /**
     * Which licences a stored run retrieved, read from its configuration JSON: {@link LicenseFilter#ANY} for a run
     * stored without a licence filter (or without a configuration).
     *
     * @throws IllegalStateException when the stored configuration is not JSON
     */
    public static LicenseFilter licensesOf(String configJson) {
        if (configJson == null) {
            return LicenseFilter.ANY;
        }
        try {
            JsonNode license = JSON.readTree(configJson).path("license");
            return license.isMissingNode() ? LicenseFilter.ANY : LicenseFilter.parse(List.of(license.asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run configuration is not JSON", e);
        }
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
        if (!access.all()) {
            config.put("access", Map.of("groups", List.copyOf(access.groups())));
        }
        if (!licenses.isAny()) {
            config.put("license", licenses.toString());
        }
        groundedness.ifPresent(judge -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("scorer", judge.scorer());
            if (judge.version() != null) {
                g.put("version", judge.version());
            }
            if (judge.model() != null) {
                g.put("model", judge.model());
            }
            g.put("threshold", judge.threshold());
            if (judge.calibration() != null) {
                g.put(
                        "calibration",
                        Map.of(
                                "tuneData",
                                judge.calibration().tuneData(),
                                "balancedAccuracy",
                                judge.calibration().balancedAccuracy()));
            }
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
