package org.onset.analysis.phases;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.onset.analysis.PhaseMap;
import org.onset.instrument.api.TopographyImage;
import org.onset.io.api.Channel;
import org.onset.io.api.Image;
import org.onset.map.api.Grid;

/** AlPO4 from a thresholded image laid on the map by stage coordinates. */
class ThresholdPhasesTest {

    /** A 10 × 10 map, 100 nm pixels, centres at 1.05 … 1.95 µm in x and 2.05 … 2.95 µm in y. */
    private static final Grid MAP = new Grid(10, 10, 1.05e-6, 2.05e-6, 100e-9, 100e-9);

    /**
     * A 50 nm image over the map's area holding one raised disk of radius 200 nm at (1.5, 2.5) µm: the
     * map pixels whose centres lie in the disk are AlPO4, all others matrix.
     */
    @Test
    void aRaisedDiskOnAFinerImageBecomesAlpo4WhereItLies() {
        int n = 20;
        double[] z = new double[n * n];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                double x = 1.0e-6 + (col + 0.5) * 50e-9;
                double y = 3.0e-6 - (row + 0.5) * 50e-9; // row 0 at the top
                z[row * n + col] = Math.hypot(x - 1.5e-6, y - 2.5e-6) < 200e-9 ? 2e-9 : 0;
            }
        }
        Image image = new Image(n, n, 1e-6, 1e-6, 1.0e-6, 3.0e-6, List.of(new Channel("height", "height", "m", z)));
        PhaseMap p = ThresholdPhases.of(MAP, image, 0, 1e-9, true, "test image");
        int alpo4 = 0;
        for (int j = 0; j < 10; j++) {
            for (int i = 0; i < 10; i++) {
                boolean inDisk = Math.hypot(MAP.x(i) - 1.5e-6, MAP.y(j) - 2.5e-6) < 200e-9;
                // the centre of a map pixel falls into an image pixel whose centre is ≤ 25 nm away in x and y
                String r = p.region(MAP.index(i, j));
                double d = Math.hypot(MAP.x(i) - 1.5e-6, MAP.y(j) - 2.5e-6);
                if (Math.abs(d - 200e-9) > 40e-9) {
                    assertEquals(inDisk ? PhaseMap.ALPO4 : PhaseMap.MATRIX, r, "pixel " + i + "," + j);
                }
                alpo4 += PhaseMap.ALPO4.equals(r) ? 1 : 0;
            }
        }
        // π·(200 nm)² / (100 nm)² ≈ 12.6 pixels
        assertTrue(alpo4 >= 10 && alpo4 <= 16, "AlPO4 pixels: " + alpo4);
        assertTrue(p.definition().contains("height > 1 nm") && p.definition().contains("100 of 100"), p.definition());
        // below the threshold instead: exactly the complement
        PhaseMap q = ThresholdPhases.of(MAP, image, 0, 1e-9, false, "test image");
        for (int k = 0; k < MAP.pixelCount(); k++) {
            assertEquals(PhaseMap.ALPO4.equals(p.region(k)), PhaseMap.MATRIX.equals(q.region(k)));
        }
    }

    /** An image over the left half of the map only: the right half stays unclassified. */
    @Test
    void mapPixelsOutsideTheImageOrOnNaNAreNotClassified() {
        double[] z = new double[5 * 10];
        z[0] = Double.NaN; // top-left image pixel: the map's pixel (0, 9)
        z[1] = 5; // the map's pixel (1, 9)
        Image left = new Image(5, 10, 0.5e-6, 1e-6, 1.0e-6, 3.0e-6, List.of(new Channel("band", "integral", "", z)));
        PhaseMap p = ThresholdPhases.of(MAP, left, 0, 1, true, "left half");
        for (int j = 0; j < 10; j++) {
            for (int i = 5; i < 10; i++) {
                assertNull(p.region(MAP.index(i, j)));
            }
        }
        assertNull(p.region(MAP.index(0, 9)));
        assertEquals(PhaseMap.ALPO4, p.region(MAP.index(1, 9)));
        assertEquals(PhaseMap.MATRIX, p.region(MAP.index(1, 8)));
        assertTrue(p.definition().contains("49 of 100"), p.definition());
    }

    @Test
    void anImageBesideTheMapOrAMissingChannelIsRefusedWithTheExtents() {
        Image far = new Image(2, 2, 1e-6, 1e-6, 10e-6, 10e-6, List.of(new Channel("h", "height", "m", new double[4])));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThresholdPhases.of(MAP, far, 0, 0, true, "far.gsf"));
        assertTrue(e.getMessage().contains("far.gsf does not overlap the map") && e.getMessage().contains("x 1.050 … 1.950 µm")
                && e.getMessage().contains("image covers x 10.000 … 11.000 µm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ThresholdPhases.of(MAP, far, 1, 0, true, "far.gsf"));
        assertTrue(e.getMessage().contains("channels 0..0"), e.getMessage());
    }

    /** Storage order with y growing (dy > 0) and with x running backwards: both end up top row first. */
    @Test
    void aTopographyImageIsTurnedIntoTheStageFrame() {
        double[] h = { 1, 2, 3, 4, 5, 6 }; // j = 0: 1 2 3 (y = 0), j = 1: 4 5 6 (y = 10 nm)
        Image up = org.onset.analysis.topography.StageImages.of("t", new TopographyImage(3, 2, 0, 0, 10e-9, 10e-9, h));
        assertArrayEquals(new double[] { 4, 5, 6, 1, 2, 3 }, up.channels().get(0).z());
        assertEquals(-5e-9, up.offsetXM(), 1e-18);
        assertEquals(15e-9, up.offsetYM(), 1e-18);
        assertEquals(30e-9, up.widthM(), 1e-18);
        Image back = org.onset.analysis.topography.StageImages.of("t", new TopographyImage(3, 2, 20e-9, 10e-9, -10e-9, -10e-9, h));
        assertArrayEquals(new double[] { 3, 2, 1, 6, 5, 4 }, back.channels().get(0).z());
        assertEquals(-5e-9, back.offsetXM(), 1e-18);
        assertEquals(15e-9, back.offsetYM(), 1e-18);
    }
}
