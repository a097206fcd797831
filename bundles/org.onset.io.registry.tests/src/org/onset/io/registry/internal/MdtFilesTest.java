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
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.io.api.Image;
import org.onset.io.api.ImportException;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.Metadata;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumSet;

/**
 * NT-MDT .mdt built byte by byte after the layout in bundles/org.onset.io.spm/MDT.md: scanned frames
 * (several channels, the bottom-up line order, unit codes, cp1251 titles), curve frames with points
 * (forward and backward runs) and without, frames that are skipped, and damaged files.
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
    private static void calibration(Bin b, String unit, double bias, double scale, long min, long max, int type) {
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
                bwd, false), other(190), mda("map", 1, 1, 0, 0, 1, new double[] { 7 }, true));
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

    private Imported open(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return registry.open(f);
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
        Imported im = open("nova.mdt", mdaScan());
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
        assertTrue(notRead.contains("1 × MDA with 3 dimension(s) and 1 measurand(s)"), notRead);
        assertTrue(notRead.contains("1 × curves (new)") && notRead.contains("1 × text"), notRead);
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
        e = assertThrows(ImportException.class, () -> open("text.mdt", file(other(3), other(190))));
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
        return List.of(twoChannelScan(), pointCurves(), mdaScan(),
                file(singleCurve(new Scale(100, 2, -10), new Scale(0, 1, 13), 14, new short[] { 3, 9, 4, 1 })));
    }
}
