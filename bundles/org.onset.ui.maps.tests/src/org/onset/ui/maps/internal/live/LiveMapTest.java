package org.onset.ui.maps.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.BitSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.onset.map.api.Grid;

/** The live map, the repaint throttle and the run figures, without a framework. */
class LiveMapTest {

    private static final Grid GRID = new Grid(4, 3, 0, 0, 20e-9, 20e-9);

    @Test
    void pixelsLandAtTheirIndexAndTheVersionGrowsWithEachOne() {
        LiveMap m = new LiveMap("r1", null, GRID);
        long v0 = m.version();
        m.put(5, -3.1, -1e-11, 2e-9, "current");
        m.put(0, Double.NaN, -2e-12, 1e-9, "none");
        MapSnapshot s = m.snapshot();
        assertEquals(v0 + 2, s.version());
        assertEquals(2, s.measured());
        assertEquals(-3.1, s.onsetBias()[5]);
        assertEquals("current", s.rules()[5]);
        assertTrue(Double.isNaN(s.onsetBias()[1]), "unmeasured pixels are NaN");
        assertEquals(0, m.lastIndex(), "the last pixel is the last one put");
        // a snapshot is a copy: later pixels do not change it
        m.put(1, -2.0, 0, 0, "height");
        assertTrue(Double.isNaN(s.onsetBias()[1]));
    }

    @Test
    void aPixelOutsideTheGridIsRefusedWithTheRun() {
        LiveMap m = new LiveMap("r7", null, GRID);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> m.put(12, 0, 0, 0, "none"));
        assertTrue(e.getMessage().contains("r7") && e.getMessage().contains("4 x 3"), e.getMessage());
    }

    @Test
    void pixelsOfAnEarlierSessionDoNotOverwriteThisRunsPixels() {
        LiveMap m = new LiveMap("r2", null, GRID);
        m.put(2, -3.0, 0, 0, "current");
        double[] earlier = new double[12];
        java.util.Arrays.fill(earlier, -1.0);
        BitSet done = new BitSet();
        done.set(0, 3);
        String[] rules = new String[12];
        java.util.Arrays.fill(rules, "none");
        m.putEarlier(new MapSnapshot(null, GRID, earlier, earlier, earlier, rules, done, Map.of(), 0));
        MapSnapshot s = m.snapshot();
        assertEquals(3, s.measured());
        assertEquals(-1.0, s.onsetBias()[0]);
        assertEquals(-3.0, s.onsetBias()[2], "this run's pixel stays");
        assertEquals("current", s.rules()[2]);
    }

    @Test
    void manyPixelsBetweenTwoFramesCostOneRepaint() {
        RepaintThrottle t = new RepaintThrottle(40);
        long ms = 1_000_000L;
        assertTrue(t.due(1, 0));
        // 500 pixels arrive within the next 40 ms: no repaint until the interval has passed
        for (int v = 2; v <= 500; v++) {
            assertFalse(t.due(v, v * 39 * ms / 500));
        }
        assertTrue(t.due(500, 40 * ms));
        assertFalse(t.due(500, 200 * ms), "nothing changed: no repaint");
        assertEquals(2, t.repaints());
        // one second of a fast map polled every 20 ms gives at most 25 repaints
        RepaintThrottle u = new RepaintThrottle(40);
        int version = 0;
        for (long now = 0; now < 1000 * ms; now += 20 * ms) {
            version += 17;
            u.due(version, now);
        }
        assertEquals(25, u.repaints());
    }

    @Test
    void speedAndTimeLeftComeFromTheRecentPixels() {
        RunStats s = new RunStats(Duration.ofSeconds(5));
        assertTrue(Double.isNaN(s.pixelsPerSecond()));
        s.progress(0, 10);
        s.progress(2_000_000_000L, 30);
        assertEquals(10.0, s.pixelsPerSecond(), 1e-9);
        assertEquals(Duration.ofSeconds(7), s.wallEta(70).orElseThrow());
        s.instrumentTime(3.5);
        s.instrumentTime(2.5);
        assertEquals(Duration.ofSeconds(300), s.instrumentEta(100).orElseThrow(), "3 s per pixel on the instrument");
        assertEquals("1 h 02 min", RunStats.format(Duration.ofSeconds(3725)));
        assertEquals("3 min 05 s", RunStats.format(Duration.ofSeconds(185)));
        assertEquals("12 s", RunStats.format(Duration.ofSeconds(12)));
        // older samples leave the window
        s.progress(20_000_000_000L, 50);
        s.progress(21_000_000_000L, 60);
        assertEquals(10.0, s.pixelsPerSecond(), 1e-9);
    }
}
