package org.onset.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.onset.plot.internal.Cielab;

class ColorMapTest {

    @Test
    void endpointsAreThePublishedOnes() {
        assertEquals(0x440154, ColorMap.VIRIDIS.rgb(0));
        assertEquals(0xFDE725, ColorMap.VIRIDIS.rgb(1));
        assertEquals(0x000004, ColorMap.MAGMA.rgb(0));
        assertEquals(0xFCFDBF, ColorMap.MAGMA.rgb(1));
        assertEquals(0x00204D, ColorMap.CIVIDIS.rgb(0));
        assertEquals(0xFFEA46, ColorMap.CIVIDIS.rgb(1));
        assertEquals(0x000000, ColorMap.GREY.rgb(0));
        assertEquals(0xFFFFFF, ColorMap.GREY.rgb(1));
        assertEquals(0x3B4CC0, ColorMap.COOLWARM.rgb(0));
        assertEquals(0xB40426, ColorMap.COOLWARM.rgb(1));
    }

    @Test
    void outsideValuesAreClampedAndNaNIsRefused() {
        assertEquals(ColorMap.VIRIDIS.rgb(0), ColorMap.VIRIDIS.rgb(-3));
        assertEquals(ColorMap.VIRIDIS.rgb(1), ColorMap.VIRIDIS.rgb(7));
        assertThrows(IllegalArgumentException.class, () -> ColorMap.VIRIDIS.rgb(Double.NaN));
        assertEquals(ColorMap.MAGMA.rgb(0.25), ColorMap.MAGMA.rgb(-5, new Range(-10, 10)));
    }

    @Test
    void sequentialMapsRiseInLightness() {
        for (ColorMap m : List.of(ColorMap.VIRIDIS, ColorMap.MAGMA, ColorMap.CIVIDIS, ColorMap.GREY)) {
            // strictly rising at the resolution of a colour bar
            int[] coarse = m.table(32);
            for (int k = 1; k < coarse.length; k++) {
                assertTrue(Cielab.lightness(coarse[k]) > Cielab.lightness(coarse[k - 1]) + 0.5, m + " at " + k + "/31");
            }
            // and nowhere falling by more than 8-bit rounding of the channels between neighbours
            int[] fine = m.table(256);
            for (int k = 1; k < fine.length; k++) {
                double step = Cielab.lightness(fine[k]) - Cielab.lightness(fine[k - 1]);
                assertTrue(step > -0.1, m + ": L* falls by " + -step + " at " + k + "/255");
            }
            assertTrue(Cielab.lightness(fine[255]) - Cielab.lightness(fine[0]) > 60, m + " spans most of the lightness range");
            assertFalse(m.isDiverging(), m.name());
        }
    }

    @Test
    void greyIsEvenInLightness() {
        int[] t = ColorMap.GREY.table(11);
        for (int k = 0; k < t.length; k++) {
            assertEquals(10.0 * k, Cielab.lightness(t[k]), 0.8, "step " + k);
        }
    }

    @Test
    void coolwarmIsBalanced() {
        ColorMap m = ColorMap.COOLWARM;
        assertTrue(m.isDiverging());
        int[] t = m.table(257);
        // both ends equally dark, the middle lightest, each half monotonic: +x and -x look equally strong
        assertEquals(Cielab.lightness(t[0]), Cielab.lightness(t[256]), 1.5);
        for (int k = 0; k < 128; k++) {
            assertTrue(Cielab.lightness(t[k + 1]) > Cielab.lightness(t[k]), "blue half at " + k);
            assertTrue(Cielab.lightness(t[255 - k]) > Cielab.lightness(t[256 - k]), "red half at " + k);
            assertEquals(Cielab.lightness(t[k]), Cielab.lightness(t[256 - k]), 1.5, "symmetric at " + k);
        }
        int mid = t[128];
        int r = mid >> 16 & 0xFF;
        int b = mid & 0xFF;
        assertTrue(Math.abs(r - b) <= 3 && r > 200, String.format("neutral light middle, got %06X", mid));
        int lowQuarter = t[64];
        int highQuarter = t[192];
        assertTrue((lowQuarter & 0xFF) > (lowQuarter >> 16 & 0xFF), "blue below the middle");
        assertTrue((highQuarter >> 16 & 0xFF) > (highQuarter & 0xFF), "red above the middle");
    }

    @Test
    void noValueColourStandsApartFromEveryColourOfItsMap() {
        for (ColorMap m : ColorMap.all()) {
            double[] nv = Cielab.fromRgb(m.noValueRgb());
            double nearest = Double.MAX_VALUE;
            for (int c : m.table(256)) {
                double[] lab = Cielab.fromRgb(c);
                nearest = Math.min(nearest, Math.hypot(Math.hypot(lab[0] - nv[0], lab[1] - nv[1]), lab[2] - nv[2]));
            }
            assertTrue(nearest > 10, m + ": no-value colour only " + nearest + " (ΔE) from the map");
        }
    }

    @Test
    void lookupByName() {
        assertEquals(List.of("viridis", "magma", "cividis", "coolwarm", "grey"), ColorMap.names());
        assertSame(ColorMap.MAGMA, ColorMap.named(" Magma"));
        assertSame(ColorMap.GREY, ColorMap.named("gray"));
        assertSame(ColorMap.COOLWARM, ColorMap.named("diverging"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColorMap.named("jet"));
        assertTrue(e.getMessage().contains("viridis"), e.getMessage());
    }

    @Test
    void labRoundTrip() {
        for (int rgb : new int[] { 0x000000, 0xFFFFFF, 0x440154, 0xFDE725, 0x808080, 0xB40426 }) {
            double[] lab = Cielab.fromRgb(rgb);
            assertEquals(rgb, Cielab.toRgb(lab[0], lab[1], lab[2]), String.format("%06X", rgb));
        }
        assertEquals(100, Cielab.lightness(0xFFFFFF), 0.01);
        assertEquals(0, Cielab.lightness(0x000000), 0.01);
    }
}
