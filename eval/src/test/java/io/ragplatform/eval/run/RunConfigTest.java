package io.ragplatform.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.eval.grounded.Groundedness;
import io.ragplatform.eval.grounded.SupportScorer;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.SearchMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored form of a run's configuration is a format: old runs read back, REST shows it as stored. */
class RunConfigTest {
    private static final SupportScorer JUDGE = new SupportScorer() {
        @Override
        public double support(String claim, List<String> contexts) {
            return 1;
        }

        @Override
        public String name() {
            return "align-contrast";
        }

        @Override
        public String modelId() {
            return "all-minilm-l6-v2-q";
        }
    };

    /** The stored form of a hybrid run at k 20 judged by {@link #JUDGE} at this threshold. */
    private static String judged(double threshold) {
        return RunConfig.of(
                        new RunSpec("s", 1, SearchMode.HYBRID, 20, 3L, AccessScope.ALL),
                        new Groundedness(JUDGE, threshold))
                .json();
    }

    @Test
    void without_answers_the_stored_form_is_unchanged() {
        assertEquals(
                "{\"bootstrap\":{\"interval\":0.95,\"resamples\":1000,\"seed\":42},\"depth\":10,"
                        + "\"documentRanking\":\"source at its best chunk\",\"k\":5,\"mode\":\"keyword\","
                        + "\"ndcgCutoff\":10,\"ndcgGain\":\"linear\"}",
                RunConfig.of(new RunSpec("s", null, SearchMode.KEYWORD, 5, null, AccessScope.ALL), null)
                        .json());
    }

    @Test
    void with_a_judge_at_a_threshold_set_by_hand_the_stored_form_is_unchanged() {
        assertEquals(
                "{\"bootstrap\":{\"interval\":0.95,\"resamples\":1000,\"seed\":42},\"depth\":20,"
                        + "\"documentRanking\":\"source at its best chunk\",\"groundedness\":{\"evidence\":"
                        + "\"contexts, else the top k retrieved chunks\",\"model\":\"all-minilm-l6-v2-q\","
                        + "\"scorer\":\"align-contrast\",\"threshold\":0.8},\"k\":20,\"mode\":\"hybrid\","
                        + "\"ndcgCutoff\":10,\"ndcgGain\":\"linear\"}",
                judged(0.8));
    }

    @Test
    void at_the_calibrated_threshold_the_pins_say_where_it_was_calibrated_and_how_well_it_did() {
        assertEquals(
                "{\"bootstrap\":{\"interval\":0.95,\"resamples\":1000,\"seed\":42},\"depth\":20,"
                        + "\"documentRanking\":\"source at its best chunk\",\"groundedness\":{\"calibration\":"
                        + "{\"balancedAccuracy\":0.75,\"tuneData\":\"halueval-qa and scifact-claims tune halves"
                        + " (seed 42), mean of the two; align-contrast version 2\"},\"evidence\":"
                        + "\"contexts, else the top k retrieved chunks\",\"model\":\"all-minilm-l6-v2-q\","
                        + "\"scorer\":\"align-contrast\",\"threshold\":0.85},\"k\":20,\"mode\":\"hybrid\","
                        + "\"ndcgCutoff\":10,\"ndcgGain\":\"linear\"}",
                judged(0.85));
    }

    @Test
    void a_scorer_with_a_version_has_it_pinned() {
        SupportScorer versioned = new SupportScorer() {
            @Override
            public double support(String claim, List<String> contexts) {
                return 1;
            }

            @Override
            public String name() {
                return "align-contrast";
            }

            @Override
            public String version() {
                return "7";
            }
        };
        String json = RunConfig.of(
                        new RunSpec("s", 1, SearchMode.HYBRID, 20, 3L, AccessScope.ALL),
                        new Groundedness(versioned, 0.8))
                .json();
        assertTrue(json.contains("\"scorer\":\"align-contrast\",\"threshold\":0.8,\"version\":\"7\"}"), json);
        assertEquals(
                "2", io.ragplatform.eval.grounded.SupportScorers.defaultScorer().version());
    }

    @Test
    void a_readers_scope_is_stored_and_read_back_and_no_entry_means_all() {
        AccessScope eng = AccessScope.groups(java.util.Set.of("eng", "ops"));
        String json = RunConfig.of(new RunSpec("s", null, SearchMode.KEYWORD, 5, null, eng), null)
                .json();
        assertTrue(json.contains("\"access\":{\"groups\":[\"eng\",\"ops\"]}"), json);
        assertEquals(eng, RunConfig.accessOf(json));
        assertEquals(
                AccessScope.groups(java.util.Set.of()),
                RunConfig.accessOf(RunConfig.of(
                                new RunSpec(
                                        "s", null, SearchMode.KEYWORD, 5, null, AccessScope.groups(java.util.Set.of())),
                                null)
                        .json()),
                "a reader without groups (public documents only) is not everyone");
        assertEquals(AccessScope.ALL, RunConfig.accessOf("{\"k\":5}"), "a run stored before access control saw all");
        assertEquals(AccessScope.ALL, RunConfig.accessOf(null));
        assertThrows(IllegalStateException.class, () -> RunConfig.accessOf("{\"access\":{}}"));
    }

    @Test
    void a_licence_filter_is_stored_and_read_back_and_no_entry_means_every_licence() {
        io.ragplatform.index.LicenseFilter open =
                io.ragplatform.index.LicenseFilter.parse(List.of("MIT,cc-by-4.0", "!proprietary"));
        RunSpec spec = new RunSpec("s", null, SearchMode.KEYWORD, 5, null, AccessScope.ALL, open);
        String json = RunConfig.of(spec, null).json();
        assertTrue(json.contains("\"license\":\"cc-by-4.0,mit,!proprietary\""), json);
        assertEquals(open, RunConfig.licensesOf(json));
        assertEquals(open, spec.filter().licenses());
        String any = RunConfig.of(new RunSpec("s", null, SearchMode.KEYWORD, 5, null, AccessScope.ALL), null)
                .json();
        assertFalse(any.contains("license"), any);
        assertEquals(io.ragplatform.index.LicenseFilter.ANY, RunConfig.licensesOf(any));
        assertEquals(io.ragplatform.index.LicenseFilter.ANY, RunConfig.licensesOf(null));
    }
}
