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
}
