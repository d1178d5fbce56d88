package io.ragplatform.eval.grounded;

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
}
