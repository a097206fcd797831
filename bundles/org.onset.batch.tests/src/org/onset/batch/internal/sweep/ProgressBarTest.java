package org.onset.batch.internal.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void progressSegmentsShowCountsEtaAndFaults() {
        var p = new org.onset.sweep.api.SweepProgress(org.onset.sweep.api.SweepState.RUNNING, 25, 100, 0, 1,
                java.time.Duration.ofSeconds(75), java.time.Duration.ofSeconds(3725), java.time.Duration.ZERO,
                java.time.Duration.ZERO, "");
        assertEquals("map [=====>              ] 25/100  25% 1:15 ETA 1:02:05 1 fault",
                ProgressBar.segment("map", p, 20));
    }
}
