package org.onset.spectra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.onset.io.api.Axis;
import org.onset.io.api.Image;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.Metadata;
import org.onset.io.api.Signal;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumMap;
import org.onset.io.api.SpectrumSet;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Processing on synthetic spectra with known answers, and on real files with SOURCES.md values. */
class ProcessingTest {

    private static Spectrum spectrum(double[] x, double[] y) {
        return new Spectrum(new Axis("Raman shift", "cm^-1", x), new Signal("intensity", "counts", y));
    }

    private static double[] grid(double from, double to, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + (to - from) * i / (n - 1);
        }
        return x;
    }

    @Test
    void polynomialBaselineRecoversAPolynomial() {
        double[] x = grid(100, 3000, 400);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 5 - 0.002 * x[i] + 3e-7 * x[i] * x[i];
        }
        assertArrayEquals(y, Baselines.polynomial(x, y, 2), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Baselines.polynomial(new double[] { 1, 2 },
                new double[] { 1, 2 }, 3));
    }

    @Test
    void alsFollowsTheBackgroundUnderAPeak() {
        double[] x = grid(0, 1000, 1000);
        double[] y = new double[x.length];
        double[] background = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            background[i] = 100 + 0.05 * x[i];
            y[i] = background[i] + 500 * Math.exp(-Math.pow((x[i] - 500) / 10, 2));
        }
        // a soft baseline bulges under the peak (5.63 above the background with λ 1e5, p 0.01, the same as a
        // dense solve of Eilers' equations); a stiff one stays on the background
        assertEquals(background[500] + 5.6287, Baselines.asymmetricLeastSquares(y, 1e5, 0.01, 10)[500], 1e-3);
        double[] z = Baselines.asymmetricLeastSquares(y, 1e7, 0.001, 10);
        assertEquals(background[500], z[500], 0.2);
        assertEquals(background[100], z[100], 0.3);
        Spectrum flat = Spectra.subtract(spectrum(x, y), z);
        assertTrue(flat.y().values()[500] > 490);
    }

    @Test
    void smoothingKeepsAQuadraticAndReducesNoise() {
        double[] x = grid(0, 1, 101);
        double[] q = new double[x.length];
        double[] noisy = new double[x.length];
        Random r = new Random(7);
        for (int i = 0; i < x.length; i++) {
            q[i] = 3 * x[i] * x[i] - x[i];
            noisy[i] = r.nextGaussian();
        }
        assertArrayEquals(q, Spectra.smooth(spectrum(x, q), 5).y().values(), 1e-12);
        double[] s = Spectra.smooth(spectrum(x, noisy), 5).y().values();
        assertTrue(std(s, 10, 90) < 0.6 * std(noisy, 10, 90));
    }

    private static double std(double[] v, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) {
            m += v[i];
        }
        m /= to - from;
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (v[i] - m) * (v[i] - m);
        }
        return Math.sqrt(s / (to - from));
    }

    @Test
    void normaliseAndCropKeepOrder() {
        Spectrum s = spectrum(new double[] { 40, 30, 20, 10 }, new double[] { 1, -4, 2, 2 });
        assertArrayEquals(new double[] { 0.25, -1, 0.5, 0.5 }, Spectra.normalise(s, Spectra.Norm.MAX).y().values());
        assertEquals(1, Math.sqrt(java.util.Arrays.stream(Spectra.normalise(s, Spectra.Norm.VECTOR).y().values())
                .map(v -> v * v).sum()), 1e-12);
        Spectrum c = Spectra.crop(s, 15, 35);
        assertArrayEquals(new double[] { 30, 20 }, c.x().values());
        assertArrayEquals(new double[] { -4, 2 }, c.y().values());
        assertThrows(IllegalArgumentException.class, () -> Spectra.crop(s, 100, 200));
    }

    @Test
    void resampleOverlaysSpectraOfDifferentAxes() {
        Spectrum descending = spectrum(new double[] { 30, 20, 10 }, new double[] { 3, 2, 1 });
        Axis target = new Axis("Raman shift", "cm^-1", new double[] { 5, 10, 15, 25, 40 });
        assertArrayEquals(new double[] { Double.NaN, 1, 1.5, 2.5, Double.NaN },
                Spectra.resample(descending, target).y().values(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> Spectra.resample(descending, new Axis("wavelength", "nm", new double[] { 1 })));
    }

    @Test
    void bandIntegralSubtractsTheLineUnderTheBand() {
        // a triangle of height 10 and base 100 on a sloping background, descending axis
        double[] x = grid(3100, 2600, 501);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double peak = Math.max(0, 10 - Math.abs(x[i] - 2850) / 5);
            y[i] = 50 + 0.1 * x[i] + peak;
        }
        assertEquals(500, RamanBands.integral(x, y, 2700, 3000), 1e-6);
        assertTrue(Double.isNaN(RamanBands.integral(x, y, 5000, 6000)));
    }

    @Test
    void bandMapOfAMap() {
        double[] x = { 2600, 2750, 2850, 2950, 3100 };
        float[] v = new float[4 * 5];
        for (int s = 0; s < 4; s++) {
            for (int k = 0; k < 5; k++) {
                v[s * 5 + k] = k == 2 ? s : 0; // a peak of height s at 2850
            }
        }
        SpectrumMap map = new SpectrumMap(new Axis("Raman shift", "cm^-1", x), "intensity", "counts", 2, 2, v,
                new double[] { 0, 1e-6, 0, 1e-6 }, new double[] { 0, 0, 1e-6, 1e-6 });
        Image img = RamanBands.map(map, RamanBands.DEFAULT_LOW, RamanBands.DEFAULT_HIGH);
        assertArrayEquals(new double[] { 0, 100, 200, 300 }, img.channels().get(0).z(), 1e-9);
        assertEquals(2e-6, img.widthM(), 1e-15);
        assertEquals("counts·cm^-1", img.channels().get(0).unit());
        // placed by the stage positions: row 0 is the top (y = 1 µm), pixels centred on the positions
        Image placed = RamanBands.stageImage(map, RamanBands.DEFAULT_LOW, RamanBands.DEFAULT_HIGH);
        assertArrayEquals(new double[] { 200, 300, 0, 100 }, placed.channels().get(0).z(), 1e-9);
        assertEquals(-0.5e-6, placed.offsetXM(), 1e-15);
        assertEquals(1.5e-6, placed.offsetYM(), 1e-15);
        assertEquals(2e-6, placed.heightM(), 1e-15);
        // scanned right to left and top down: the same picture
        float[] w = new float[4 * 5];
        int[] spectrumAt = { 3, 2, 1, 0 }; // spectrum s lies where the first map had spectrum 3 - s
        for (int s = 0; s < 4; s++) {
            System.arraycopy(v, spectrumAt[s] * 5, w, s * 5, 5);
        }
        SpectrumMap reversed = new SpectrumMap(new Axis("Raman shift", "cm^-1", x), "intensity", "counts", 2, 2, w,
                new double[] { 1e-6, 0, 1e-6, 0 }, new double[] { 1e-6, 1e-6, 0, 0 });
        Image again = RamanBands.stageImage(reversed, RamanBands.DEFAULT_LOW, RamanBands.DEFAULT_HIGH);
        assertArrayEquals(placed.channels().get(0).z(), again.channels().get(0).z(), 1e-9);
        assertEquals(placed.offsetXM(), again.offsetXM(), 1e-15);
        assertEquals(placed.offsetYM(), again.offsetYM(), 1e-15);
        SpectrumMap nowhere = new SpectrumMap(new Axis("Raman shift", "cm^-1", x), "intensity", "counts", 2, 2, v,
                new double[] { Double.NaN, 1e-6, 0, 1e-6 }, new double[] { 0, 0, 1e-6, 1e-6 });
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RamanBands.stageImage(nowhere, 2700, 3000))
                .getMessage().contains("no stage positions"));
    }

    @Test
    void eprLineOfAGaussianDerivative() {
        double sigma = 5;
        double b0 = 3400;
        double[] x = grid(3300, 3500, 4001);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double u = x[i] - b0;
            y[i] = -u / (sigma * sigma) * Math.exp(-u * u / (2 * sigma * sigma));
        }
        Spectrum s = new Spectrum(new Axis("magnetic field", "G", x), new Signal("EPR signal", "a.u.", y));
        EprLines.Line line = EprLines.line(s);
        assertEquals(b0, line.zeroCrossing(), 1e-6);
        assertEquals(2 * sigma, line.peakToPeak(), 0.06);
        assertEquals(sigma * Math.sqrt(2 * Math.PI), EprLines.doubleIntegral(s), 1e-3);
        assertEquals(71.4477 * 9.5 / 340, EprLines.g(b0, "G", 9.5), 1e-12);
    }

    private static ImporterRegistry registry() throws Exception {
        ServiceTracker<ImporterRegistry, ImporterRegistry> t = new ServiceTracker<>(
                FrameworkUtil.getBundle(ProcessingTest.class).getBundleContext(), ImporterRegistry.class, null);
        t.open();
        ImporterRegistry r = t.waitForService(10_000);
        assertNotNull(r);
        long deadline = System.currentTimeMillis() + 10_000;
        while (r.importers().size() < 6 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return r;
    }

    private static Path testdata() {
        String prop = System.getProperty("onset.shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop, "testdata"))) {
            return Path.of(prop, "testdata");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolveSibling("shared").resolve("testdata"))) {
                return p.resolveSibling("shared").resolve("testdata");
            }
        }
        throw new IllegalStateException("../shared/testdata not found");
    }

    @Test
    void realRamanSpectrumIntegralOfSourcesMd() throws Exception {
        Spectrum s = (Spectrum) registry().open(testdata().resolve("raman/Spectrum_532nm_wdf.wdf")).data();
        // SOURCES.md: after sorting x ascending, the trapezoid over 2700–3000 cm⁻¹ is 2.18819e7 (220 points)
        assertEquals(220, Spectra.ascending(s.x().values(), 2700, 3000).length);
        assertEquals(2.18819e7, Spectra.integrate(s.x().values(), s.y().values(), 2700, 3000), 0.0001e7);
        double band = RamanBands.integral(s.x().values(), s.y().values(), 2700, 3000);
        assertTrue(band > 0 && band < 2.18819e7, "band above its linear baseline: " + band);
    }

    @Test
    void realEprZeroCrossingAndG() throws Exception {
        Imported im = registry().open(testdata().resolve("epr/BDPA-2DFieldPower.DSC"));
        Spectrum row0 = ((SpectrumSet) im.data()).spectra().get(0);
        EprLines.Line line = EprLines.line(row0);
        // SOURCES.md: row 0 (20 mW) zero crossing 3516.25 G, g = 2.0019
        assertEquals(3516.25, line.zeroCrossing(), 0.01);
        double ghz = im.metadata().number(Metadata.MICROWAVE_FREQUENCY_GHZ).orElseThrow();
        assertEquals(2.0019, EprLines.g(line.zeroCrossing(), row0.x().unit(), ghz), 5e-5);
        assertTrue(line.peakToPeak() > 0 && line.peakToPeak() < 10, "BDPA is a narrow line: " + line.peakToPeak());
    }
}
