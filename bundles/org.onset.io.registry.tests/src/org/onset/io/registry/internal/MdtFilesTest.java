package org.onset.io.registry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.io.api.Image;
import org.onset.io.api.ImportException;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.Metadata;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumMap;
import org.onset.io.api.SpectrumSet;

/**
 * NT-MDT .mdt built byte by byte after the layout in bundles/org.onset.io.spm/MDT.md: scanned frames
 * (several channels, the bottom-up line order, unit codes, cp1251 titles), curve frames with points
 * (forward and backward runs) and without, Nova's MDA images, new-style curve frames (type 190) and 3D
 * MDA spectral maps, frames that are skipped, and damaged files. No real file with a 3D MDA frame was
 * at hand: those tests are byte-built from the published layout only (MDT.md names the sources).
 */
class MdtFilesTest {

    private static ImporterRegistry registry;
    @TempDir
    Path dir;

    @BeforeAll
    static void services() throws Exception {
        registry = Services.registry();
    }

    /** An axis scale: offset, step (in the unit), NT-MDT unit code. */
    record Scale(double offset, double step, int unit) {
    }

    /** A whole file: the 33-byte header and the frames. */
    static byte[] file(byte[]... frames) {
        int total = Arrays.stream(frames).mapToInt(f -> f.length).sum();
        Bin b = Bin.le().bytes(new byte[] { 0x01, (byte) 0xB0, (byte) 0x93, (byte) 0xFF }).i32(total).zeros(4)
                .i16(frames.length - 1).zeros(18).zeros(1);
        for (byte[] f : frames) {
            b.bytes(f);
        }
        return b.toArray();
    }

    /** Frame header (22 B) and 107 B of variables: axis scales, scan variables, zero padding. */
    private static Bin head(int type, Scale x, Scale y, Scale z, int adc, double biasV) {
        Bin b = Bin.le().i32(0).i16(type).i8(0).i8(6).i16(2026).i16(12).i16(6).i16(21).i16(5).i16(9).i16(107);
        for (Scale s : new Scale[] { x, y, z }) {
            b.f32(s.offset()).f32(s.step()).i16(s.unit());
        }
        b.i8(adc).i8(1).i16(0).i16(0).i16(0).f32(0).i16(0).i8(0).i8(0).i8(0).i8(0).i8(0).i8(0).f32(2000).f32(5)
                .f32(biasV).i8(0).i8(0).i32(0).i32(0).i8(0);
        return b.padTo(22 + 107);
    }

    /** Title (cp1251) and an XML block (UTF-16LE) after the data; then the frame size is set. */
    private static byte[] tail(Bin b, String title) {
        byte[] t = title.getBytes(Charset.forName("windows-1251"));
        byte[] xml = "<Parameters><Technique>1</Technique></Parameters>".getBytes(StandardCharsets.UTF_16LE);
        b.i32(t.length).bytes(t).i32(xml.length).bytes(xml);
        return b.set32(0, b.position()).toArray();
    }

    /** A scanned frame: raw int16 values, x fastest, the file's first line at the bottom. */
    static byte[] scanned(int nx, int ny, short[] raw, Scale x, Scale y, Scale z, int adc, String title) {
        Bin b = head(0, x, y, z, adc, 0.25).i16(0).i16(nx).i16(ny).i16(0);
        for (short v : raw) {
            b.i16(v);
        }
        return tail(b, title);
    }

    /** A curve frame of the given type with points, each {x, y, forward values…, backward values…}. */
    static byte[] curves(int type, Scale x, Scale z, int adc, float[][] points, short[][] forward, short[][] backward) {
        int n = 0;
        for (int k = 0; k < points.length; k++) {
            n += forward[k].length + backward[k].length;
        }
        Bin b = head(type, x, new Scale(0, 0, 3), z, adc, 0).i16(0).i16(n).i16(1).i16(points.length);
        if (points.length > 0) {
            b.i32(10).i32(16).i32(1).i16(-2); // dots header: sizes, version, xy unit µm
            for (int k = 0; k < points.length; k++) {
                b.f32(points[k][0]).f32(points[k][1]).i32(forward[k].length).i32(backward[k].length);
            }
        }
        for (int k = 0; k < points.length; k++) {
            for (short v : forward[k]) {
                b.i16(v);
            }
            for (short v : backward[k]) {
                b.i16(v);
            }
        }
        return tail(b, "I(V)");
    }

    /** A single curve (no points) of a spectroscopy frame. */
    static byte[] singleCurve(Scale x, Scale z, int adc, short[] raw) {
        Bin b = head(1, x, new Scale(0, 0, 3), z, adc, 0).i16(0).i16(raw.length).i16(1).i16(0);
        for (short v : raw) {
            b.i16(v);
        }
        return tail(b, "");
    }

    /** A frame of a type the reader lists but does not read (text 3, palette 107, new curves 190). */
    static byte[] other(int type) {
        Bin b = Bin.le().i32(0).i16(type).i8(0).i8(6).zeros(12).i16(0).zeros(40);
        return b.set32(0, b.position()).toArray();
    }

    /** An MDA calibration: 8 B sizes, a 112-byte struct as Nova writes it, then name and unit. */
    static void calibration(Bin b, String unit, double bias, double scale, long min, long max, int type) {
        byte[] u = unit.getBytes(StandardCharsets.UTF_8);
        b.i32(8 + 112 + 2L * u.length).i32(112);
        int s = b.position();
        b.i32(u.length).i32(0).i32(u.length).i64(1).f64(0).i64(0).f64(bias).f64(scale).i64(min).i64(max).i32(type)
                .i32(0);
        b.padTo(s + 112).bytes(u).bytes(u); // the name is the unit, as in the real file
    }

    /**
     * An MDA frame (106) of nx × ny float64 values (row by row, the first row at the bottom) in nA,
     * on a grid in µm starting at (x0, y0) with the given step; or with a third dimension when
     * {@code spectral} (a hyperspectral map, which is listed but not read).
     */
    static byte[] mda(String title, int nx, int ny, double x0, double y0, double step, double[] values,
            boolean spectral) {
        byte[] name = title.getBytes(StandardCharsets.UTF_8);
        byte[] comment = "<?xml version=\"1.0\"?><FrameComment/>".getBytes(StandardCharsets.UTF_16LE);
        int dims = spectral ? 3 : 2;
        Bin b = Bin.le().i32(0).i16(106).i8(0).i8(6).i16(2023).i16(4).i16(5).i16(11).i16(46).i16(5).i16(0);
        int q = b.position();
        b.i32(76).i32(0).zeros(32).zeros(4);
        int sizes = b.position();
        b.i32(name.length).i32(comment.length).i32(0).i32(10).i32(0).i32(0).i32(0).i32(8L * values.length);
        b.bytes(name).bytes(comment).zeros(10);
        int vars = b.position();
        b.i32(0).i32(33).i64(values.length).i32(8).i32(dims).i32(1).zeros(13);
        calibration(b, "um", x0, step, 0, nx - 1, 0);
        calibration(b, "um", y0, step, 0, ny - 1, 0);
        if (spectral) {
            calibration(b, "nm", 500, 1, 0, 0, 0);
        }
        calibration(b, "nA", 0, 1, 0, -1, -13320);
        b.set32(vars, b.position() - vars);
        b.set32(sizes + 20, b.position() - vars);
        b.set32(q + 4, b.position() - q);
        b.set32(sizes + 24, b.position()); // the data's offset (in the frame here; absolute in files)
        for (double v : values) {
            b.f64(v);
        }
        return b.set32(0, b.position()).toArray();
    }

    /** Nova's two current images (forward, backward) with a text frame and a new-style curves frame. */
    static byte[] mdaScan() {
        double[] fwd = { 0.5, 1, 1.5, 2, 2.5, 3 };
        double[] bwd = { -1, -2, -3, -4, -5, -6 };
        return file(other(3), mda("1F:Iprobe", 3, 2, 52.5, 61, 0.5, fwd, false), mda("1B:Iprobe", 3, 2, 52.5, 61, 0.5,
                bwd, false), newCurves(false), mda("odd", 1, 1, 0, 0, 1, new double[] { 7 }, true));
    }

    /**
     * A new-style curves frame (190) as Nova writes one: named blocks, an index.xml saying what they
     * hold. Here a 2 × 2 grid of points (x 1 and 2 µm, y 5 and 6 µm, listed x slowest as in the real
     * file), one pass each, forward (float64 nA, in sweep order) and backward (stored from the axis's
     * end, inverse0="1"), on a bias axis from 1 V down to −1 V in 3 points. With {@code intData} the
     * curves are int32 that the Name's scale and bias turn into nA.
     */
    static byte[] newCurves(boolean intData) {
        Map<String, byte[]> blocks = new LinkedHashMap<>();
        blocks.put("__GUID__", new byte[16]);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Comment><Info version=\"1.0\">"
                + "<Params><Param name=\"Name\" value=\"I(V) grid\"/></Params>\n"
                + "<Name name=\"BVValue\" unit=\"V\" bias=\"-10\" scale=\"0.0003\" index=\"0\"/>\n"
                + "<Name name=\"Iprobe\" unit=\"nA\" bias=\"0.5\" scale=\"0.25\" index=\"1\"/>\n"
                + "<Axis name=\"0\" count=\"3\" value=\"0\" start=\"1\" stop=\"-1\" data=\"-1\" index=\"0\"/>\n");
        List<String> points = new ArrayList<>();
        int d = 0;
        double[][] pos = { { 1, 5 }, { 1, 6 }, { 2, 5 }, { 2, 6 } };
        for (int pt = 0; pt < 4; pt++) {
            for (int fb = 0; fb < 2; fb++) {
                Bin data = Bin.le();
                for (int i = 0; i < 3; i++) {
                    // forward: 10·point + i nA in sweep order; backward: the same + 100, stored reversed
                    double v = 10 * pt + (fb == 0 ? i : 100 + (2 - i));
                    if (intData) {
                        data.i32(Math.round((v - 0.5) / 0.25));
                    } else {
                        data.f64(v);
                    }
                }
                blocks.put("data" + d + ".dat", data.toArray());
                xml.append("<Data name=\"data" + d + ".dat\" offset=\"0\" count=\"3\"" + (intData ? "" : " type=\"float64\"")
                        + " index=\"" + d + "\"/>\n");
                xml.append("<Meas name=\"1\" data=\"" + d + "\" pass=\"0\" axis0=\"0\" inverse0=\"" + fb + "\" index=\"" + d
                        + "\"/>\n");
                d++;
            }
            blocks.put("point" + pt + ".dat", Bin.le().i32(2L * pt).i32(2L * pt + 1).toArray());
            points.add("<Point name=\"point" + pt + ".dat\" offset=\"0\" meas=\"1\" exec=\"1\" x=\"" + pos[pt][0] + "\" y=\""
                    + pos[pt][1] + "\" z=\"-1\" unit=\"um\" index=\"" + pt + "\"/>\n");
        }
        points.forEach(xml::append);
        xml.append("</Info></Comment>");
        blocks.put("index.xml", xml.toString().getBytes(StandardCharsets.UTF_8));
        Bin b = Bin.le().i32(0).i16(190).i8(0).i8(1).i16(2022).i16(12).i16(26).i16(10).i16(0).i16(0).i16(0);
        b.i32(blocks.size());
        for (var e : blocks.entrySet()) {
            b.i32(e.getKey().getBytes(StandardCharsets.UTF_8).length).i32(e.getValue().length);
        }
        for (String k : blocks.keySet()) {
            b.bytes(k.getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] v : blocks.values()) {
            b.bytes(v);
        }
        return b.set32(0, b.position()).toArray();
    }

    /**
     * A 3D MDA frame (106): a hyperspectral map of nx × ny spectra of nz float32 counts. With
     * {@code spectralFirst} the comment says FrameType Spectra2DFullSpectrum and the spectral dimension
     * comes first, and a second measurand holds the spectral axis (float32 in 1/cm after the
     * intensities); otherwise the dimensions are x, y, spectral with the axis from its bias and scale in
     * nm. Location is the comment's Scanning/Location (null: none). Value of spectrum (r, c) channel k:
     * 100·r + 10·c + k.
     */
    static byte[] spectralMda(int nx, int ny, int nz, boolean spectralFirst, Integer location) {
        byte[] name = "Raman map".getBytes(StandardCharsets.UTF_8);
        String c = "<?xml version=\"1.0\"?><FrameComment><Parameters>"
                + (spectralFirst ? "<FrameType>Spectra2DFullSpectrum</FrameType>" : "")
                + (location == null ? "" : "<Measurement><Scanning><Location>" + location + "</Location></Scanning></Measurement>")
                + "</Parameters></FrameComment>";
        byte[] comment = c.getBytes(StandardCharsets.UTF_16LE);
        int measurands = spectralFirst ? 2 : 1;
        Bin b = Bin.le().i32(0).i16(106).i8(0).i8(6).i16(2024).i16(1).i16(2).i16(3).i16(4).i16(5).i16(0);
        int q = b.position();
        b.i32(76).i32(0).zeros(32).zeros(4);
        int sizes = b.position();
        b.i32(name.length).i32(comment.length).i32(0).i32(0).i32(0).i32(0).i32(0).i32(4L * nx * ny * nz);
        b.bytes(name).bytes(comment);
        int vars = b.position();
        b.i32(0).i32(33).i64((long) nx * ny).i32(4L * nz).i32(3).i32(measurands).zeros(13);
        if (spectralFirst) {
            calibration(b, "", 0, 1, 0, nz - 1, 0);
        }
        calibration(b, "um", 10, 0.5, 0, nx - 1, 0);
        calibration(b, "um", 20, 0.25, 0, ny - 1, 0);
        if (!spectralFirst) {
            calibration(b, "nm", 600, 2, 0, nz - 1, 0);
        }
        calibration(b, "", 0, 1, 0, -1, -5892);
        if (spectralFirst) {
            calibration(b, "1/cm", 0, 1, 0, -1, -5892);
        }
        b.set32(vars, b.position() - vars);
        b.set32(sizes + 20, b.position() - vars);
        b.set32(q + 4, b.position() - q);
        b.set32(sizes + 24, b.position());
        for (int r = 0; r < ny; r++) {
            for (int col = 0; col < nx; col++) {
                for (int k = 0; k < nz; k++) {
                    b.f32(100 * r + 10 * col + k);
                }
            }
        }
        if (spectralFirst) {
            for (int k = 0; k < nz; k++) {
                b.f32(2700 + 50 * k);
            }
        }
        return b.set32(0, b.position()).toArray();
    }

    /** The two-channel 3 × 2 scan used here and in the robustness corpus. */
    static byte[] twoChannelScan() {
        Scale x = new Scale(0, 500, -1); // 500 nm pixels
        Scale y = new Scale(0, 250, -1);
        byte[] height = scanned(3, 2, new short[] { 1, 2, 3, 4, 5, 6 }, x, y, new Scale(10, 0.5, -1), 0,
                "Высота");
        byte[] current = scanned(3, 2, new short[] { -100, 0, 100, 200, 300, 400 }, x, y, new Scale(0, 2, 24), 4,
                "Ток");
        return file(height, other(107), current);
    }

    static byte[] pointCurves() {
        return file(curves(201, new Scale(-1, 0.5, 2), new Scale(0, 0.1, 1), 4,
                new float[][] { { 1.5f, 2.5f }, { 3f, 4f } },
                new short[][] { { 10, 20, 30, 40, 50 }, { 1, 2, 3, 4, 5 } },
                new short[][] { { 50, 40, 30, 20, 10 }, {} }));
    }

    @Test
    void scannedFramesOnOneGridAreTheChannelsOfOneImage() throws Exception {
        Imported im = open("scan.mdt", twoChannelScan());
        assertEquals("ntmdt-mdt", im.importerId());
        assertTrue(im.matchedBy().contains("01 B0 93 FF"), im.matchedBy());
        Image image = assertInstanceOf(Image.class, im.data());
        assertEquals(3, image.nx());
        assertEquals(2, image.ny());
        assertEquals(1.5e-6, image.widthM(), 1e-15);
        assertEquals(0.5e-6, image.heightM(), 1e-15);
        assertEquals(2, image.channels().size());
        var h = image.channels().get(0);
        assertEquals("Высота", h.name(), "the title is cp1251");
        assertEquals("height", h.quantity());
        assertEquals("m", h.unit());
        // z = (offset + step · raw) nm; the file's first line (1 2 3) is the bottom row
        double[] expected = { 12e-9, 12.5e-9, 13e-9, 10.5e-9, 11e-9, 11.5e-9 };
        for (int k = 0; k < 6; k++) {
            assertEquals(expected[k], h.z()[k], 1e-18, "height " + k);
        }
        var c = image.channels().get(1);
        assertEquals("current", c.quantity());
        assertEquals("A", c.unit());
        assertEquals(400e-12, c.z()[0], 1e-20);
        assertEquals(-200e-12, c.z()[3], 1e-20);
        assertEquals("1 × palette", ((Metadata.Text) im.metadata().get("frames_not_read").orElseThrow()).value());
        assertEquals(0.25, im.metadata().number("bias_V").orElseThrow(), 1e-7);
    }

    @Test
    void mdaFramesOfTwoDimensionsAreImageChannels() throws Exception {
        // the file has a spectral map too, which mdt.content=auto would read
        Imported im = open("nova.mdt", mdaScan(), "mdt.content", "images");
        Image image = assertInstanceOf(Image.class, im.data());
        assertEquals(3, image.nx());
        assertEquals(2, image.ny());
        assertEquals(1.5e-6, image.widthM(), 1e-15);
        assertEquals(1.0e-6, image.heightM(), 1e-15);
        assertEquals(52.5e-6, image.offsetXM(), 1e-15);
        assertEquals(62e-6, image.offsetYM(), 1e-15, "top edge = bottom (y bias) + height");
        assertEquals(2, image.channels().size());
        var f = image.channels().get(0);
        assertEquals("1F:Iprobe", f.name());
        assertEquals("current", f.quantity());
        assertEquals("A", f.unit());
        assertArrayEquals(new double[] { 2e-9, 2.5e-9, 3e-9, 0.5e-9, 1e-9, 1.5e-9 }, f.z(), 1e-20);
        assertEquals(-6e-9, image.channels().get(1).z()[2], 1e-20);
        String notRead = ((Metadata.Text) im.metadata().get("frames_not_read").orElseThrow()).value();
        assertTrue(notRead.contains("1 × MDA spectral map (read with mdt.content=map)"), notRead);
        assertTrue(notRead.contains("1 × curves (new) (read with mdt.content=curves)") && notRead.contains("1 × text"),
                notRead);
    }

    private Imported open(String name, byte[] bytes, String... settings) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        Map<String, Object> s = new LinkedHashMap<>();
        for (int k = 0; k < settings.length; k += 2) {
            s.put(settings[k], settings[k + 1]);
        }
        return registry.open(f, new ImportSettings(s), ImportMonitor.NONE);
    }

    @Test
    void newCurvesOnAGridAreAMapOfOneCurvePerPoint() throws Exception {
        for (boolean ints : new boolean[] { false, true }) {
            Imported im = open("grid.mdt", file(other(3), newCurves(ints)));
            SpectrumMap map = assertInstanceOf(SpectrumMap.class, im.data(), "no image: the curves are read");
            assertEquals(2, map.nx());
            assertEquals(2, map.ny());
            assertEquals("bias", map.x().quantity());
            assertEquals("V", map.x().unit());
            assertArrayEquals(new double[] { -1, 0, 1 }, map.x().values(), 1e-12, "from the smaller end of the axis");
            assertEquals("current", map.yQuantity());
            assertEquals("A", map.yUnit());
            // x fastest, rows by y: (1,5) (2,5) (1,6) (2,6) = points 0, 2, 1, 3
            assertArrayEquals(new double[] { 1e-6, 2e-6, 1e-6, 2e-6 }, map.positionX(), 1e-15);
            assertArrayEquals(new double[] { 5e-6, 5e-6, 6e-6, 6e-6 }, map.positionY(), 1e-15);
            int[] point = { 0, 2, 1, 3 };
            for (int i = 0; i < 4; i++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals((10 * point[i] + k) * 1e-9, map.intensities()[i * 3 + k], 2e-14, ints + " " + i + "," + k);
                }
            }
            assertEquals("I(V) grid", ((Metadata.Text) im.metadata().get(Metadata.TITLE).orElseThrow()).value());
            assertEquals(2, im.metadata().number("curves_per_point").orElseThrow(), 1e-12);
            // the backward curves, put back in the axis's order
            SpectrumMap back = assertInstanceOf(SpectrumMap.class, open("grid.mdt", file(newCurves(ints)), "mdt.curve", "1B")
                    .data());
            assertArrayEquals(new float[] { 100e-9f, 101e-9f, 102e-9f }, Arrays.copyOf(back.intensities(), 3), 2e-14f);
            // every curve as a set, with the point number as index
            SpectrumSet all = assertInstanceOf(SpectrumSet.class, open("grid.mdt", file(newCurves(ints)), "mdt.curve",
                    "all").data());
            assertEquals(8, all.spectra().size());
            assertArrayEquals(new double[] { 1, 1, 2, 2, 3, 3, 4, 4 }, all.index().values());
            assertArrayEquals(new double[] { 110e-9, 111e-9, 112e-9 }, all.spectra().get(3).y().values(), 1e-15);
        }
    }

    @Test
    void theContentSettingChoosesBetweenImagesAndCurves() throws Exception {
        Imported im = open("nova.mdt", mdaScan(), "mdt.content", "curves");
        SpectrumMap map = assertInstanceOf(SpectrumMap.class, im.data());
        assertEquals(4, map.nx() * map.ny());
        String notRead = ((Metadata.Text) im.metadata().get("frames_not_read").orElseThrow()).value();
        assertTrue(notRead.contains("2 × MDA image (read with mdt.content=images)"), notRead);
        assertInstanceOf(SpectrumMap.class, open("nova.mdt", mdaScan(), "mdt.content", "map").data());
        ImportException e = assertThrows(ImportException.class, () -> open("nova.mdt", mdaScan(), "mdt.content",
                "everything"));
        assertTrue(e.getMessage().contains("mdt.content=everything is none of"), e.getMessage());
        e = assertThrows(ImportException.class, () -> open("scan.mdt", twoChannelScan(), "mdt.content", "curves"));
        assertTrue(e.getMessage().contains("asks for curves but the file has images"), e.getMessage());
        e = assertThrows(ImportException.class, () -> open("grid.mdt", file(newCurves(false)), "mdt.curve", "2F"));
        assertTrue(e.getMessage().contains("names a curve no point has"), e.getMessage());
    }

    @Test
    void threeDimensionalMdaFramesAreSpectralMaps() throws Exception {
        // byte-built from the published layout (no real file with a 3D MDA frame was available)
        Imported im = open("raman.mdt", file(other(3), spectralMda(3, 2, 4, true, null)));
        SpectrumMap map = assertInstanceOf(SpectrumMap.class, im.data());
        assertEquals(3, map.nx());
        assertEquals(2, map.ny());
        assertEquals("Raman shift", map.x().quantity());
        assertEquals("cm^-1", map.x().unit());
        assertArrayEquals(new double[] { 2700, 2750, 2800, 2850 }, map.x().values(), 1e-9, "the axis measurand");
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(100 * r + 10 * c + k, map.intensities()[(r * 3 + c) * 4 + k], 0, r + "," + c + "," + k);
                }
                // the default location: the scan starts at the left bottom
                assertEquals((10 + 0.5 * c) * 1e-6, map.positionX()[r * 3 + c], 1e-15);
                assertEquals((20 + 0.25 * r) * 1e-6, map.positionY()[r * 3 + c], 1e-15);
            }
        }
        // older files: x, y, spectral, the axis from the spectral dimension; a scan from the right top
        SpectrumMap old = assertInstanceOf(SpectrumMap.class, open("old.mdt", file(spectralMda(2, 2, 3, false, 2)))
                .data());
        assertEquals("wavelength", old.x().quantity());
        assertEquals("nm", old.x().unit());
        assertArrayEquals(new double[] { 600, 602, 604 }, old.x().values(), 1e-9);
        assertEquals(11e-6 - 0.5e-6, old.positionX()[0], 1e-15, "first point at the right");
        assertEquals(20.25e-6, old.positionY()[0], 1e-15, "first line at the top");
        assertEquals(112, old.intensities()[(1 * 2 + 1) * 3 + 2], 0);
        // a vertical scan is listed, not guessed
        ImportException e = assertThrows(ImportException.class, () -> open("v.mdt", file(spectralMda(2, 2, 3, false,
                5))));
        assertTrue(e.getMessage().contains("scanned vertically"), e.getMessage());
    }

    @Test
    void damagedNewCurveFramesNameTheFrame() throws Exception {
        byte[] good = file(other(3), newCurves(false));
        int frame = 33 + other(3).length;
        // a block longer than the frame
        byte[] longBlock = good.clone();
        longBlock[frame + 22 + 4 + 4 + 3] = 0x7F;
        ImportException e = assertThrows(ImportException.class, () -> open("b.mdt", longBlock));
        assertTrue(e.getMessage().contains("frame 1 (new curves) block"), e.getMessage());
        // index.xml renamed: nothing says what the blocks hold
        String text = new String(good, StandardCharsets.ISO_8859_1).replace("index.xml", "indey.xml");
        e = assertThrows(ImportException.class, () -> open("i.mdt", text.getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(e.getMessage().contains("frame 1 (new curves) has no index.xml"), e.getMessage());
        // a curve claiming more values than its block holds
        String more = new String(good, StandardCharsets.ISO_8859_1).replace("count=\"3\" type", "count=\"9\" type");
        e = assertThrows(ImportException.class, () -> open("c.mdt", more.getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(e.getMessage().contains("frame 1 (new curves) point 0 forward 1 values claims 9"), e.getMessage());
        // a Meas pointing at a Data that is not there
        String missing = new String(good, StandardCharsets.ISO_8859_1).replace("data=\"3\"", "data=\"30\"");
        e = assertThrows(ImportException.class, () -> open("d.mdt", missing.getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(e.getMessage().contains("refers to Data 30 of 8"), e.getMessage());
        // the images of a file stay readable when its curves frame is damaged; the damage is listed
        byte[] nova = mdaScan();
        String broken = new String(nova, StandardCharsets.ISO_8859_1).replace("index.xml", "indey.xml");
        Imported im = open("n.mdt", broken.getBytes(StandardCharsets.ISO_8859_1), "mdt.content", "images");
        assertEquals(2, assertInstanceOf(Image.class, im.data()).channels().size());
        String notRead = ((Metadata.Text) im.metadata().get("frames_not_read").orElseThrow()).value();
        assertTrue(notRead.contains("damaged curves (new): frame 3 (new curves) has no index.xml"), notRead);
        e = assertThrows(ImportException.class, () -> open("n.mdt", broken.getBytes(StandardCharsets.ISO_8859_1),
                "mdt.content", "curves"));
        assertTrue(e.getMessage().contains("frame 3 (new curves) has no index.xml"), e.getMessage());
        // truncated anywhere: a clear error
        for (int cut = frame + 10; cut < good.length; cut += 97) {
            byte[] t = Arrays.copyOf(good, cut);
            assertThrows(ImportException.class, () -> open("t.mdt", t));
        }
    }

    @Test
    void theContentDecidesNotTheName() throws Exception {
        Imported im = open("scan.dat", twoChannelScan());
        assertEquals("ntmdt-mdt", im.importerId());
    }

    @Test
    void curveFramesGiveForwardAndBackwardSpectraPerPoint() throws Exception {
        Imported im = open("iv.mdt", pointCurves());
        SpectrumSet set = assertInstanceOf(SpectrumSet.class, im.data());
        // point 1: forward and backward; point 2: forward only
        assertEquals(3, set.spectra().size());
        Spectrum first = set.spectra().get(0);
        assertEquals("V", first.x().unit());
        assertEquals("bias", first.x().quantity());
        assertArrayEquals(new double[] { -1, -0.5, 0, 0.5, 1 }, first.x().values(), 1e-7);
        assertEquals("A", first.y().unit());
        assertEquals("current", first.y().quantity());
        assertEquals(1e-9, first.y().values()[0], 1e-16); // 10 × 0.1 nA
        assertEquals(5e-9, first.y().values()[4], 1e-16);
        assertEquals(5e-9, set.spectra().get(1).y().values()[0], 1e-16);
        assertEquals(0.1e-9, set.spectra().get(2).y().values()[0], 1e-16);
        assertNull(set.index());
    }

    @Test
    void aSpectroscopyFrameWithoutPointsIsOneCurve() throws Exception {
        Imported im = open("one.mdt", file(singleCurve(new Scale(100, 2, -10), new Scale(0, 1, 13), 14,
                new short[] { 3, 9, 4, 1 })));
        SpectrumSet set = assertInstanceOf(SpectrumSet.class, im.data());
        Spectrum s = set.spectra().get(0);
        assertEquals("Raman shift", s.x().quantity());
        assertEquals("cm^-1", s.x().unit());
        assertArrayEquals(new double[] { 100, 102, 104, 106 }, s.x().values(), 1e-9);
        assertArrayEquals(new double[] { 3, 9, 4, 1 }, s.y().values(), 1e-9);
        assertEquals("counts", s.y().unit());
    }

    @Test
    void damagedFilesEndInClearErrors() throws Exception {
        byte[] good = twoChannelScan();
        ImportException e = assertThrows(ImportException.class, () -> open("cut.mdt", Arrays.copyOf(good, 200)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        e = assertThrows(ImportException.class, () -> open("head.mdt", Arrays.copyOf(good, 20)));
        assertTrue(e.getMessage().contains("head.mdt"), e.getMessage());
        // a scan claiming 65535 × 65535 points in a frame of a few hundred bytes
        byte[] huge = good.clone();
        int mode = 33 + 22 + 107;
        huge[mode + 2] = huge[mode + 3] = huge[mode + 4] = huge[mode + 5] = (byte) 0xFF;
        e = assertThrows(ImportException.class, () -> open("huge.mdt", huge));
        assertTrue(e.getMessage().contains("claims"), e.getMessage());
        // nothing but frame types that are not read
        e = assertThrows(ImportException.class, () -> open("text.mdt", file(other(3), other(107))));
        assertTrue(e.getMessage().contains("no scanned or curve frame"), e.getMessage());
        // a frame size below the frame header's
        byte[] small = good.clone();
        small[33] = 4;
        small[34] = small[35] = small[36] = 0;
        e = assertThrows(ImportException.class, () -> open("small.mdt", small));
        assertTrue(e.getMessage().contains("frame 0 claims 4 B"), e.getMessage());
        // curve lengths beyond the frame's data
        byte[] curves = pointCurves();
        int dot0 = 33 + 22 + 107 + 8 + 14;
        curves[dot0 + 8] = 100;
        e = assertThrows(ImportException.class, () -> open("long.mdt", curves));
        assertTrue(e.getMessage().contains("point 0"), e.getMessage());
        assertThrows(ImportException.class, () -> open("empty.mdt", new byte[0]));
    }

    static List<byte[]> corpus() {
        return List.of(twoChannelScan(), pointCurves(), mdaScan(), file(other(3), newCurves(true)),
                file(spectralMda(3, 2, 4, true, null)), file(spectralMda(2, 2, 3, false, 2)),
                file(singleCurve(new Scale(100, 2, -10), new Scale(0, 1, 13), 14, new short[] { 3, 9, 4, 1 })));
    }
}
