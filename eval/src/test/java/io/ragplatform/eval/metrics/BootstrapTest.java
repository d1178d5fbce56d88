package io.ragplatform.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    private static final double[] TEN = {0.0, 1.0, 0.5, 0.25, 1.0, 0.0, 0.75, 1.0, 0.5, 0.0};

    /** Per-query values in [0, 1], from a seeded source so the test data are the same everywhere. */
    /** The values each moved by {@code shift} of its index. */
    private static double[] shifted(double[] values, java.util.function.IntToDoubleFunction shift) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] + shift.applyAsDouble(i);
        }
        return out;
    }

    private static double[] values(int n, long seed) {
        Random random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble();
        }
        return v;
    }

    @Test
    void same_seed_gives_the_identical_interval() {
        double[] v = values(200, 1);
        assertEquals(Bootstrap.ci(v, 1000, 99), Bootstrap.ci(v, 1000, 99));
        assertEquals(Bootstrap.compare(v, values(200, 2), 500, 99), Bootstrap.compare(v, values(200, 2), 500, 99));
        assertEquals(Bootstrap.ci(v), Bootstrap.ci(v, Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED));
    }

    @Test
    void another_seed_draws_other_resamples() {
        double[] v = values(200, 1);
        assertNotEquals(Bootstrap.ci(v, 1000, 1), Bootstrap.ci(v, 1000, 2));
    }

    /*
     * Pinned values, cross-checked with a Python re-implementation of java.util.Random (the LCG and nextInt(bound)
     * its Javadoc specifies) running the same procedure: 1000 resamples, seed 7. Any change to the draws, the
     * percentile rule or the test statistic moves these numbers.
     */
    @Test
    void interval_is_pinned_for_a_fixed_seed() {
        ConfidenceInterval ci = Bootstrap.ci(TEN, 1000, 7);
        assertEquals(0.5, ci.mean(), 1e-12);
        assertEquals(0.25, ci.low(), 1e-12);
        assertEquals(0.75, ci.high(), 1e-12);
    }

    /*
     * Differences 0.1, 0, 0.3, -0.1, 0.2, 0, 0.3, 0.2, -0.1, 0.1: delta 0.1. The exact sign-flip p over all 2^10
     * signings is 0.1015625; 1000 random signings give 0.11688311688311688. Not significant, although the percentile
     * interval [0.01, 0.19] excludes 0: with 10 queries the percentile bootstrap is known to be too narrow, which is
     * why significance is decided by the randomization test.
     */
    @Test
    void paired_comparison_is_pinned_for_a_fixed_seed() {
        double[] base = {0.2, 0.5, 0.1, 0.9, 0.4, 0.3, 0.6, 0.0, 0.8, 0.5};
        double[] candidate = {0.3, 0.5, 0.4, 0.8, 0.6, 0.3, 0.9, 0.2, 0.7, 0.6};
        PairedComparison c = Bootstrap.compare(base, candidate, 1000, 7);
        assertEquals(0.1, c.delta(), 1e-12);
        assertEquals(0.009999999999999986, c.deltaInterval().low(), 1e-12);
        assertEquals(0.19, c.deltaInterval().high(), 1e-12);
        assertEquals(0.11688311688311688, c.pValue(), 1e-12);
        assertFalse(c.significant());
        assertFalse(c.regression());
    }

    @Test
    void interval_contains_the_mean() {
        for (long seed = 0; seed < 5; seed++) {
            double[] v = values(100, seed);
            ConfidenceInterval ci = Bootstrap.ci(v, 1000, seed);
            assertEquals(Bootstrap.mean(v), ci.mean(), 0.0);
            assertTrue(ci.contains(ci.mean()), ci.toString());
            assertTrue(ci.width() > 0, ci.toString());
        }
    }

    @Test
    void constant_values_give_a_zero_width_interval() {
        double[] v = new double[37];
        java.util.Arrays.fill(v, 0.7);
        ConfidenceInterval ci = Bootstrap.ci(v, 1000, 3);
        assertEquals(0.7, ci.mean(), 1e-12);
        assertEquals(ci.low(), ci.high(), 0.0);
        assertEquals(ci.mean(), ci.low(), 0.0);
    }

    @Test
    void identical_runs_have_delta_zero_and_are_not_significant() {
        double[] v = values(50, 4);
        PairedComparison c = Bootstrap.compare(v, v.clone(), 1000, 5);
        assertEquals(0.0, c.delta(), 0.0);
        assertEquals(0.0, c.deltaInterval().width(), 0.0);
        assertEquals(1.0, c.pValue(), 0.0);
        assertFalse(c.significant());
        assertFalse(c.regression());
    }

    @Test
    void a_clearly_better_candidate_is_significant_and_not_a_regression() {
        double[] base = values(50, 6);
        double[] candidate = shifted(base, i -> 0.3);
        PairedComparison c = Bootstrap.compare(base, candidate, 1000, 8);
        assertEquals(0.3, c.delta(), 1e-9);
        assertTrue(c.deltaInterval().low() > 0, c.toString());
        // only all-positive or all-negative signings reach |0.3|: chance 2^-49, so none of 1000 do
        assertEquals(1.0 / 1001, c.pValue(), 1e-12);
        assertTrue(c.significant());
        assertFalse(c.regression());
    }

    @Test
    void a_clearly_worse_candidate_is_a_regression() {
        double[] base = values(50, 6);
        double[] candidate = shifted(base, i -> -0.3);
        PairedComparison c = Bootstrap.compare(base, candidate, 1000, 8);
        assertEquals(-0.3, c.delta(), 1e-9);
        assertTrue(c.deltaInterval().high() < 0, c.toString());
        assertTrue(c.significant());
        assertTrue(c.regression());
    }

    @Test
    void gains_and_losses_that_cancel_are_not_significant() {
        double[] base = values(30, 10);
        double[] candidate = shifted(base, i -> i % 2 == 0 ? 0.2 : -0.2);
        PairedComparison c = Bootstrap.compare(base, candidate, 1000, 12);
        assertEquals(0.0, c.delta(), 1e-12);
        assertTrue(c.deltaInterval().contains(0.0), c.toString());
        assertTrue(c.pValue() > 0.5, c.toString());
        assertFalse(c.significant());
    }

    @Test
    void quantiles_interpolate_between_order_statistics() {
        double[] sorted = {0, 10, 20, 30, 40};
        assertEquals(0.0, Bootstrap.quantile(sorted, 0.0), 0.0);
        assertEquals(40.0, Bootstrap.quantile(sorted, 1.0), 0.0);
        assertEquals(1.0, Bootstrap.quantile(sorted, 0.025), 1e-12); // h = 4 * 0.025 = 0.1
        assertEquals(39.0, Bootstrap.quantile(sorted, 0.975), 1e-12); // h = 3.9
    }

    @Test
    void bad_inputs_are_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.ci(new double[0], 1000, 1));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.ci(new double[] {Double.NaN}, 1000, 1));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.ci(TEN, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.compare(TEN, new double[] {1, 2}, 1000, 1));
    }

    @Test
    void a_comparison_whose_flags_disagree_with_its_p_value_cannot_be_built() {
        ConfidenceInterval ci = new ConfidenceInterval(-0.1, -0.2, 0.0);
        assertThrows(IllegalArgumentException.class, () -> new PairedComparison(-0.1, ci, 0.01, false, false));
        assertThrows(IllegalArgumentException.class, () -> new PairedComparison(-0.1, ci, 0.01, true, false));
        assertTrue(new PairedComparison(-0.1, ci, 0.01, true, true).regression());
    }
}
