package org.onset.ui.spectroscopy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.onset.io.api.Axis;
import org.onset.ui.spectroscopy.internal.XUnits.Family;

/** The conversions behind the axes the Spectroscopy part shows, and how map spectra land on the plot. */
class AxesAndGridTest {

    @Test
    void fieldInGaussBecomesTeslaAndG() {
        Axis g = new Axis("magnetic field", "G", new double[] { 3516.25, 3500 });
        assertEquals(Family.FIELD, XUnits.family(g));
        assertArrayEquals(new double[] { 0.351625, 0.35 }, XUnits.fieldTesla(g), 1e-12);
        // BDPA of SOURCES.md: 9.852287 GHz, zero crossing 3516.25 G -> g = 2.0019
        assertEquals(2.0019, XUnits.gFactor(g, 9.852287)[0], 1e-4);
        // g = h nu / (muB B) from CODATA constants, not from the constant the code uses
        double h = 6.62607015e-34;
        double muB = 9.2740100783e-24;
        assertEquals(h * 9.852287e9 / (muB * 0.35), XUnits.gFactor(g, 9.852287)[1], 1e-5);
        assertThrows(IllegalArgumentException.class, () -> XUnits.fieldTesla(new Axis("x", "nm", new double[] { 1 })));
    }

    @Test
    void ramanShiftAndWavelengthConvertThroughTheLaser() {
        Axis shift = new Axis("Raman shift", "cm^-1", new double[] { 0, 520, 2850 });
        assertEquals(Family.RAMAN_SHIFT, XUnits.family(shift));
        assertArrayEquals(shift.values(), XUnits.ramanShift(shift, Double.NaN));
        assertNull(XUnits.wavelengthMetres(shift, Double.NaN), "no laser: no wavelength");
        double[] wl = XUnits.wavelengthMetres(shift, 532);
        assertEquals(532e-9, wl[0], 1e-15);
        assertEquals(1e-2 / (1e7 / 532.0 - 520), wl[1], 1e-15); // 547.14 nm
        assertEquals(547.14, wl[1] * 1e9, 0.005);

        Axis nm = new Axis("wavelength", "nm", new double[] { 350.677, 346.773 });
        assertEquals(Family.WAVELENGTH, XUnits.family(nm));
        double[] back = XUnits.ramanShift(nm, 325);
        assertEquals(1e7 / 325 - 1e7 / 350.677, back[0], 1e-9);
        assertNull(XUnits.ramanShift(nm, Double.NaN), "no laser: no Raman shift");
        assertArrayEquals(new double[] { 350.677e-9, 346.773e-9 }, XUnits.wavelengthMetres(nm, Double.NaN), 1e-18);

        Axis absolute = new Axis("wavenumber", "cm^-1", new double[] { 18000 });
        assertEquals(Family.WAVENUMBER, XUnits.family(absolute));
        assertEquals(1e7 / 532 - 18000, XUnits.ramanShift(absolute, 532)[0], 1e-9);

        Axis hz = new Axis("frequency", "Hz", new double[] { 1 });
        assertEquals(Family.OTHER, XUnits.family(hz));
        assertNull(XUnits.ramanShift(hz, 532));
        assertEquals("cm⁻¹", XUnits.pretty("cm^-1"));
    }

    @Test
    void mapSpectraLandWhereTheirPositionsAre() {
        // 3 x 2 map, x fastest, y increasing with the row: no flip, extent half a step beyond the centres
        double[] px = { 0, 1e-6, 2e-6, 0, 1e-6, 2e-6 };
        double[] py = { 0, 0, 0, 5e-6, 5e-6, 5e-6 };
        BandGrid g = BandGrid.of(3, 2, px, py);
        assertTrue(g.positioned());
        assertFalse(g.flipX() || g.flipY());
        assertEquals(-0.5e-6, g.x0(), 1e-15);
        assertEquals(2.5e-6, g.x1(), 1e-15);
        assertEquals(-2.5e-6, g.y0(), 1e-15);
        assertEquals(7.5e-6, g.y1(), 1e-15);
        assertEquals(4, g.spectrumIndex(1, 1));
        assertArrayEquals(new double[] { 0, 1, 2, 3, 4, 5 }, g.toPlot(new double[] { 0, 1, 2, 3, 4, 5 }));

        // y decreasing with the row (the file's first row is the top): the plot's bottom row is the file's last
        double[] down = { 5e-6, 5e-6, 5e-6, 0, 0, 0 };
        BandGrid f = BandGrid.of(3, 2, px, down);
        assertTrue(f.flipY());
        assertEquals(3, f.spectrumIndex(0, 0));
        assertEquals(0, f.spectrumIndex(0, 1));
        assertArrayEquals(new double[] { 3, 4, 5, 0, 1, 2 }, f.toPlot(new double[] { 0, 1, 2, 3, 4, 5 }));

        // no positions: cells count 1 each
        double[] nan = { Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN };
        BandGrid u = BandGrid.of(3, 2, nan, nan);
        assertFalse(u.positioned());
        assertEquals(3, u.x1());
        assertEquals(2, u.y1());
    }
}
