package io.ragplatform.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AurocTest {
    @Test
    void perfectInverseRandomAndTies() {
        boolean[] y = {true, true, false, false};
        assertEquals(1.0, Auroc.of(new double[] {0.9, 0.8, 0.2, 0.1}, y));
        assertEquals(0.0, Auroc.of(new double[] {0.1, 0.2, 0.8, 0.9}, y));
        assertEquals(0.5, Auroc.of(new double[] {0.5, 0.5, 0.5, 0.5}, y));
        // pairs: (0.9>0.2) (0.9>0.5) (0.5>0.2) (0.5=0.5 -> 1/2) = 3.5 / 4
        assertEquals(0.875, Auroc.of(new double[] {0.9, 0.5, 0.2, 0.5}, y));
        assertTrue(Double.isNaN(Auroc.of(new double[] {1, 2}, new boolean[] {true, true})));
    }

    @Test
    void balancedAccuracy() {
        boolean[] y = {true, true, false, false};
        assertEquals(0.75, Auroc.balancedAccuracy(new double[] {0.9, 0.4, 0.2, 0.1}, y, 0.5));
        assertEquals(1.0, Auroc.bestBalancedAccuracy(new double[] {0.9, 0.4, 0.2, 0.1}, y)[0]);
    }

    @Test
    void theIntervalHoldsThePointAndNarrowsWithMoreAnswers() {
        double[] scores = {0.9, 0.7, 0.6, 0.4, 0.8, 0.3, 0.5, 0.2};
        boolean[] y = {true, true, true, true, false, false, false, false};
        ConfidenceInterval few = Auroc.ci(scores, y);
        assertEquals(Auroc.of(scores, y), few.mean());
        assertTrue(few.low() <= few.mean() && few.mean() <= few.high(), few.toString());
        assertEquals(few, Auroc.ci(scores, y), "deterministic");

        double[] many = new double[80];
        boolean[] labels = new boolean[80];
        for (int i = 0; i < 80; i++) {
            many[i] = scores[i % 8] + (i / 8) * 1e-3;
            labels[i] = y[i % 8];
        }
        assertTrue(Auroc.ci(many, labels).width() < few.width());
    }

    @Test
    void anIntervalNeedsBothClasses() {
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Auroc.ci(new double[] {0.1, 0.2}, new boolean[] {true, true}));
    }
}
