package org.onset.io.registry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.io.api.Channel;
import org.onset.io.api.Image;
import org.onset.io.api.ImageExporter;
import org.onset.io.api.ImportException;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.Spectrum;

/** Gwyddion .gsf/.gwy, Nanonis .sxm and Igor .ibw built byte by byte, and the .gsf export. */
class SpmFilesTest {

    private static ImporterRegistry registry;
    private static ImageExporter gsf;
    @TempDir
    Path dir;

    @BeforeAll
    static void services() throws Exception {
        registry = Services.registry();
        gsf = Services.get(ImageExporter.class);
    }

    @Test
    void gsfExportReadsBackWithNonSquarePixels() throws Exception {
        assertEquals("gsf", gsf.extension());
        double[] z = { 1, 2, 3, 4, 5, 6 };
        Image image = new Image(3, 2, 3e-6, 1e-6, 1e-6, 0, List.of(new Channel("onset bias", "bias", "V", z)));
        Path f = dir.resolve("o.gsf");
        gsf.write(image, 0, f);
        byte[] bytes = Files.readAllBytes(f);
        assertTrue(new String(bytes, 0, 26).startsWith("Gwyddion Simple Field 1.0\n"));
        assertEquals(0, (bytes.length - 6 * 4) % 4, "data 4-byte aligned");
        assertEquals(0, bytes[bytes.length - 6 * 4 - 1], "at least one NUL before the data");
        Image back = assertInstanceOf(Image.class, registry.open(f).data());
        assertEquals(3, back.nx());
        assertEquals(2, back.ny());
        assertEquals(3e-6, back.widthM(), 1e-18);
        assertEquals(1e-6, back.heightM(), 1e-18);
        assertEquals("V", back.channels().get(0).unit());
        assertEquals("onset bias", back.channels().get(0).name());
        assertArrayEquals(z, back.channels().get(0).z());
    }

    @Test
    void gsfClaimingMoreThanItHoldsIsRefused() throws Exception {
        Path f = dir.resolve("big.gsf");
        Bin.le().ascii("Gwyddion Simple Field 1.0\nXRes = 1000000\nYRes = 1000000\n").zeros(4).f32(1).write(f);
        ImportException e = assertThrows(ImportException.class, () -> registry.open(f));
        assertTrue(e.getMessage().contains("claims"), e.getMessage());
    }

    private static void unit(Bin b, String key, String unit) {
        Bin inner = Bin.le().cstring("unitstr").i8('s').cstring(unit);
        b.cstring(key).i8('o').cstring("GwySIUnit").i32(inner.position()).bytes(inner.toArray());
    }

    @Test
    void gwyContainerWithChannelTwo() throws Exception {
        Bin field = Bin.le();
        field.cstring("xres").i8('i').i32(2).cstring("yres").i8('i').i32(3);
        field.cstring("xreal").i8('d').f64(2e-6).cstring("yreal").i8('d').f64(6e-6);
        unit(field, "si_unit_xy", "m");
        unit(field, "si_unit_z", "m");
        field.cstring("data").i8('D').i32(6);
        for (int i = 0; i < 6; i++) {
            field.f64(i * 1e-9);
        }
        Bin items = Bin.le();
        items.cstring("/2/data/title").i8('s').cstring("Height");
        items.cstring("/2/data").i8('o').cstring("GwyDataField").i32(field.position()).bytes(field.toArray());
        items.cstring("/2/base/palette").i8('s').cstring("Gray");
        Path f = Bin.le().ascii("GWYP").cstring("GwyContainer").i32(items.position()).bytes(items.toArray())
                .write(dir.resolve("c.gwy"));
        Image img = assertInstanceOf(Image.class, registry.open(f).data());
        assertEquals(2, img.nx());
        assertEquals(3, img.ny());
        assertEquals("Height", img.channels().get(0).name());
        assertEquals(5e-9, img.channels().get(0).z()[5], 1e-20);
        // a container whose size runs past the end is refused, not read beyond it
        byte[] bytes = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.gwy");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertThrows(ImportException.class, () -> registry.open(cut));
    }

    @Test
    void sxmBackwardMirroredAndUpFlipped() throws Exception {
        String header = ":NANONIS_VERSION:\n2\n:SCANIT_TYPE:\n              FLOAT            MSBFIRST\n"
                + ":SCAN_PIXELS:\n       2       2\n:SCAN_RANGE:\n           1.000000E-6           2.000000E-6\n"
                + ":SCAN_OFFSET:\n0 0\n:SCAN_DIR:\nup\n:BIAS:\n0.5\n:DATA_INFO:\n"
                + "\tChannel\tName\tUnit\tDirection\tCalibration\tOffset\n\t14\tZ\tm\tboth\t1\t0\n\n:SCANIT_END:\n\n\n";
        Bin b = Bin.be().ascii(header).i8(0x1A).i8(0x04);
        // forward: file lines (bottom first) 1 2 / 3 4; backward: 5 6 / 7 8 (scanned right to left)
        for (int v = 1; v <= 8; v++) {
            b.f32(v);
        }
        Imported im = registry.open(b.write(dir.resolve("s.sxm")));
        Image img = (Image) im.data();
        assertEquals(2, img.channels().size());
        assertEquals(2e-6, img.heightM());
        assertArrayEquals(new double[] { 3, 4, 1, 2 }, img.channels().get(0).z());
        assertArrayEquals(new double[] { 8, 7, 6, 5 }, img.channels().get(1).z());
        assertEquals(0.5, im.metadata().number("bias_V").get());
    }

    /** An Igor binary wave v5 with the given dimensions and float32 data. */
    static Bin ibw(int[] dims, float[] data, String note) {
        Bin b = Bin.le().i16(5).i16(0).i32(320 + 4 * data.length).i32(0).i32(note.length()).padTo(64);
        b.i32(0).i32(0).i32(0).i32(data.length).i16(2).i16(0).zeros(6).i16(5).fixed("wave", 32).i32(0).i32(0);
        for (int d = 0; d < 4; d++) {
            b.i32(d < dims.length ? dims[d] : 0);
        }
        for (int d = 0; d < 4; d++) {
            b.f64(1e-8);
        }
        for (int d = 0; d < 4; d++) {
            b.f64(0);
        }
        b.fixed("m", 4).fixed("m", 4).fixed("m", 4).zeros(8).padTo(64 + 320);
        for (float v : data) {
            b.f32(v);
        }
        return b.ascii(note);
    }

    @Test
    void ibwImageAndSpectrum() throws Exception {
        Imported im = registry.open(ibw(new int[] { 2, 2, 2 }, new float[] { 1, 2, 3, 4, 5, 6, 7, 8 },
                "ScanSize: 2e-08\rScanRate: 1\r").write(dir.resolve("a.ibw")));
        Image img = assertInstanceOf(Image.class, im.data());
        assertEquals(2, img.channels().size());
        assertEquals(2e-8, img.widthM(), 1e-20);
        // Igor's first row is y = 0, the bottom: it becomes the last row
        assertArrayEquals(new double[] { 3, 4, 1, 2 }, img.channels().get(0).z());
        assertArrayEquals(new double[] { 7, 8, 5, 6 }, img.channels().get(1).z());
        assertEquals("2e-08", ((org.onset.io.api.Metadata.Text) im.metadata().get("ScanSize").get()).value());
        Spectrum s = assertInstanceOf(Spectrum.class,
                registry.open(ibw(new int[] { 3 }, new float[] { 1, 2, 3 }, "").write(dir.resolve("s.ibw"))).data());
        assertArrayEquals(new double[] { 0, 1e-8, 2e-8 }, s.x().values(), 1e-20);
        Path bad = ibw(new int[] { 1000, 1000 }, new float[] { 1 }, "").write(dir.resolve("bad.ibw"));
        assertThrows(ImportException.class, () -> registry.open(bad));
    }

    /**
     * An Igor binary wave of version 1, 2 or 3 as TN003 lays it out: BinHeader1/2/3 (8, 16, 20 B), the
     * WaveHeader2 (type, name[20], dataUnits[4], xUnits[4], npnts, hsA, hsB …) whose data start 110 B in,
     * the data, 16 B of padding, then the note (versions 2 and 3).
     */
    static Bin ibwOld(Bin b, int version, int type, int width, double[] data, String note) {
        int npnts = data.length;
        b.i16(version).i32(126 + npnts * width - 16);
        if (version >= 2) {
            b.i32(note.length());
        }
        if (version == 3) {
            b.i32(0); // formula
        }
        if (version >= 2) {
            b.i32(0); // picture
        }
        b.i16(0); // checksum (not checked)
        int w = b.position();
        b.i16(type).i32(0).fixed("spec0", 20).i16(0).i16(0).i32(0).fixed("V", 4).fixed("nm", 4).i32(npnts).i16(0)
                .f64(0.5).f64(100);
        b.zeros(w + 110 - b.position());
        for (double v : data) {
            switch (width) {
            case 1 -> b.i8((int) v);
            case 2 -> b.i16((int) v);
            case 8 -> b.f64(v);
            default -> b.f32(v);
            }
        }
        return b.zeros(16).ascii(note);
    }

    @Test
    void ibwVersionsOneToThree() throws Exception {
        // version 1, little-endian float32
        Imported v1 = registry.open(ibwOld(Bin.le(), 1, 2, 4, new double[] { 1.5, -2, 3.25 }, "").write(dir.resolve("v1.ibw")));
        assertTrue(v1.matchedBy().contains("version-1"), v1.matchedBy());
        Spectrum s1 = assertInstanceOf(Spectrum.class, v1.data());
        assertArrayEquals(new double[] { 1.5, -2, 3.25 }, s1.y().values());
        assertArrayEquals(new double[] { 100, 100.5, 101 }, s1.x().values());
        assertEquals("nm", s1.x().unit());
        assertEquals("V", s1.y().unit());
        assertEquals("spec0", s1.y().quantity());

        // version 2, big-endian int16 with a note; found by content without the .ibw extension
        Imported v2 = registry.open(ibwOld(Bin.be(), 2, 0x10, 2, new double[] { -3, 7, 32000 }, "Laser: 532\rGrating: 1800\r")
                .write(dir.resolve("v2.bin")));
        assertEquals("igor-ibw", v2.importerId());
        assertArrayEquals(new double[] { -3, 7, 32000 }, ((Spectrum) v2.data()).y().values());
        assertEquals("532", ((org.onset.io.api.Metadata.Text) v2.metadata().get("Laser").get()).value());
        assertEquals("1800", ((org.onset.io.api.Metadata.Text) v2.metadata().get("Grating").get()).value());

        // version 3, unsigned int8 (type 8 | 0x40)
        Imported v3 = registry.open(ibwOld(Bin.le(), 3, 0x48, 1, new double[] { 200, 5 }, "").write(dir.resolve("v3.ibw")));
        assertArrayEquals(new double[] { 200, 5 }, ((Spectrum) v3.data()).y().values());
        assertEquals(3.0, v3.metadata().number("igor_version").get());

        // a header claiming more points than the file holds, complex data, an unknown type: clear errors
        Bin big = ibwOld(Bin.le(), 2, 2, 4, new double[] { 1 }, "");
        byte[] bytes = big.toArray();
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(16 + 42, 1_000_000);
        Path bigFile = Files.write(dir.resolve("big.ibw"), bytes);
        ImportException e = assertThrows(ImportException.class, () -> registry.open(bigFile));
        assertTrue(e.getMessage().contains("claims"), e.getMessage());
        Path complex = ibwOld(Bin.le(), 2, 3, 4, new double[] { 1, 2 }, "").write(dir.resolve("c.ibw"));
        assertTrue(assertThrows(ImportException.class, () -> registry.open(complex)).getMessage().contains("complex"));
        Path odd = ibwOld(Bin.le(), 3, 0x100, 4, new double[] { 1 }, "").write(dir.resolve("odd.ibw"));
        assertTrue(assertThrows(ImportException.class, () -> registry.open(odd)).getMessage().contains("type"));
        Path v4 = ibwOld(Bin.le(), 4, 2, 4, new double[] { 1 }, "").write(dir.resolve("v4.ibw"));
        assertTrue(assertThrows(ImportException.class, () -> registry.open(v4)).getMessage().contains("version"));
    }
}
