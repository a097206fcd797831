package org.onset.io.registry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.io.api.ImportException;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.Metadata;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumMap;
import org.onset.io.api.SpectrumSet;

/** WDF, Galactic SPC, JCAMP-DX and text variants built byte by byte. */
class RamanFilesTest {

    private static ImporterRegistry registry;
    @TempDir
    Path dir;

    @BeforeAll
    static void services() throws Exception {
        registry = Services.registry();
    }

    /** A WDF file: header, DATA, XLST, optionally ORGN (X, Y) and WMAP. */
    static byte[] wdf(int points, int count, int capacity, int type, float[][] spectra, float[] x, int xUnit,
            double[][] xy, int[] wmap) {
        Bin b = Bin.le();
        b.ascii("WDF1").i32(1).i64(512).padTo(0x3C).i32(points).i64(capacity).i64(count).i32(3).i32(1).i32(points)
                .i32(xy == null ? 0 : 2).fixed("WiRE", 24).i16(5).i16(5).i16(0).i16(1).i32(1).i32(type)
                .padTo(0x9C).f32(1e7 / 532.0).padTo(0xF0).fixed("built", 160).padTo(512);
        b.ascii("DATA").i32(0).i64(16 + 4L * points * count);
        for (float[] s : spectra) {
            for (float v : s) {
                b.f32(v);
            }
        }
        b.ascii("XLST").i32(0).i64(24 + 4L * points).i32(1).i32(xUnit);
        for (float v : x) {
            b.f32(v);
        }
        if (xy != null) {
            b.ascii("ORGN").i32(0).i64(16 + 4 + 2 * (24 + 8L * count)).i32(2);
            for (int a = 0; a < 2; a++) {
                b.i32(0x80000000L | (3 + a)).i32(5).fixed(a == 0 ? "X" : "Y", 16);
                for (int i = 0; i < count; i++) {
                    b.f64(xy[a][i]);
                }
            }
        }
        if (wmap != null) {
            b.ascii("WMAP").i32(0).i64(64).i32(wmap[0]).i32(0).f32(0).f32(0).f32(0).f32(1).f32(1).f32(1)
                    .i32(wmap[1]).i32(wmap[2]).i32(1).i32(0);
        }
        return b.toArray();
    }

    @Test
    void wdfSingleSpectrumKeepsDescendingAxis() throws Exception {
        Path f = dir.resolve("s.wdf");
        Files.write(f, wdf(3, 1, 1, 1, new float[][] { { 1, 2, 3 } }, new float[] { 300, 200, 150 }, 1, null, null));
        Imported im = registry.open(f);
        Spectrum s = assertInstanceOf(Spectrum.class, im.data());
        assertArrayEquals(new double[] { 300, 200, 150 }, s.x().values());
        assertEquals("Raman shift", s.x().quantity());
        assertEquals(532.0, im.metadata().number(Metadata.LASER_WAVELENGTH_NM).get(), 1e-3);
        assertEquals("magic 'WDF1'", im.matchedBy());
    }

    @Test
    void wdfColumnMajorMapIsReturnedXFastest() throws Exception {
        // 2 columns × 3 rows, scanned Y fastest (flag 2): spectrum k holds the value k
        float[][] spectra = new float[6][];
        double[][] xy = new double[2][6];
        for (int k = 0; k < 6; k++) {
            spectra[k] = new float[] { k, k };
            xy[0][k] = k / 3; // column
            xy[1][k] = k % 3; // row
        }
        Path f = dir.resolve("m.wdf");
        Files.write(f, wdf(2, 6, 6, 3, spectra, new float[] { 1, 2 }, 1, xy, new int[] { 2, 2, 3 }));
        SpectrumMap map = assertInstanceOf(SpectrumMap.class, registry.open(f).data());
        assertEquals(2, map.nx());
        assertEquals(3, map.ny());
        // cell (row r, column c) = spectrum c*3 + r
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(c * 3 + r, map.intensities()[(r * 2 + c) * 2]);
                assertEquals(c * 1e-6, map.positionX()[r * 2 + c], 1e-15);
                assertEquals(r * 1e-6, map.positionY()[r * 2 + c], 1e-15);
            }
        }
    }

    @Test
    void wdfInterruptedMapLeavesMissingCellsEmpty() throws Exception {
        Path f = dir.resolve("i.wdf");
        Files.write(f, wdf(1, 3, 4, 3, new float[][] { { 1 }, { 2 }, { 3 } }, new float[] { 5 }, 1, null,
                new int[] { 0, 2, 2 }));
        Imported im = registry.open(f);
        SpectrumMap map = (SpectrumMap) im.data();
        assertEquals(3, map.intensities()[2]);
        assertTrue(Float.isNaN(map.intensities()[3]));
        assertEquals(new Metadata.Flag(true), im.metadata().get("interrupted").get());
    }

    @Test
    void wdfSeriesAndHugeClaims() throws Exception {
        Path f = dir.resolve("series.wdf");
        Files.write(f, wdf(2, 2, 2, 2, new float[][] { { 1, 2 }, { 3, 4 } }, new float[] { 1, 2 }, 3, null, null));
        SpectrumSet set = assertInstanceOf(SpectrumSet.class, registry.open(f).data());
        assertEquals("wavelength", set.spectra().get(1).x().quantity());
        byte[] bad = wdf(2, 2, 2, 2, new float[][] { { 1, 2 }, { 3, 4 } }, new float[] { 1, 2 }, 3, null, null);
        java.nio.ByteBuffer.wrap(bad).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0x40, 1_000_000_000_000L)
                .putLong(0x48, 1_000_000_000_000L);
        Path h = dir.resolve("huge.wdf");
        Files.write(h, bad);
        ImportException e = assertThrows(ImportException.class, () -> registry.open(h));
        assertTrue(e.getMessage().contains("claims"), e.getMessage());
    }

    /** A new-format SPC header (512 B) with the given flags. */
    static Bin spcHeader(int flags, int exp, int npts, double first, double last, int nsub) {
        return Bin.le().i8(flags).i8(0x4B).i8(0).i8(exp).i32(npts).f64(first).f64(last).i32(nsub).i8(13).i8(4)
                .padTo(512);
    }

    @Test
    void spcSingleIntegerWithExponent() throws Exception {
        Bin b = spcHeader(0, 2, 3, 100, 300, 1).zeros(32).i32(1 << 30).i32(-(1 << 29)).i32(0);
        Spectrum s = (Spectrum) registry.open(b.write(dir.resolve("a.spc"))).data();
        // int32 · 2^(exp−32)
        assertArrayEquals(new double[] { 1, -0.5, 0 }, s.y().values(), 1e-12);
        assertArrayEquals(new double[] { 100, 200, 300 }, s.x().values(), 1e-12);
        assertEquals("Raman shift", s.x().quantity());
    }

    @Test
    void spcXValuesFloatsAndSixteenBit() throws Exception {
        Bin b = spcHeader(0x80, -128, 2, 0, 0, 1).f32(7).f32(3).zeros(32).f32(1.25).f32(-4);
        Spectrum s = (Spectrum) registry.open(b.write(dir.resolve("x.spc"))).data();
        assertArrayEquals(new double[] { 7, 3 }, s.x().values());
        assertArrayEquals(new double[] { 1.25, -4 }, s.y().values());
        Bin p = spcHeader(1, 16, 2, 0, 1, 1).zeros(32).i16(3).i16(-2);
        assertArrayEquals(new double[] { 3, -2 }, ((Spectrum) registry.open(p.write(dir.resolve("p.spc"))).data())
                .y().values(), 1e-12);
    }

    @Test
    void spcMultifileWithOwnExponentsAndXyxy() throws Exception {
        Bin m = spcHeader(0x04, 0, 2, 0, 1, 2);
        m.i8(0).i8(32).zeros(30).i32(1).i32(2); // subexp 32: values as they are
        m.i8(0).i8(31).zeros(30).i32(4).i32(6); // subexp 31: halved
        SpectrumSet set = (SpectrumSet) registry.open(m.write(dir.resolve("m.spc"))).data();
        assertArrayEquals(new double[] { 1, 2 }, set.spectra().get(0).y().values());
        assertArrayEquals(new double[] { 2, 3 }, set.spectra().get(1).y().values());
        Bin xy = spcHeader(0x04 | 0x40 | 0x80, -128, 0, 0, 0, 2);
        xy.i8(0).i8(-128).zeros(14).i32(2).zeros(12).f32(1).f32(2).f32(10).f32(20);
        xy.i8(0).i8(-128).zeros(14).i32(1).zeros(12).f32(5).f32(50);
        SpectrumSet xys = (SpectrumSet) registry.open(xy.write(dir.resolve("xy.spc"))).data();
        assertArrayEquals(new double[] { 1, 2 }, xys.spectra().get(0).x().values());
        assertArrayEquals(new double[] { 50 }, xys.spectra().get(1).y().values());
    }

    @Test
    void spcOldFormatHighWordFirst() throws Exception {
        Bin b = Bin.le().i8(0).i8(0x4D).i16(32).f32(2).f32(10).f32(20).i8(13).i8(0).padTo(256);
        // value 0x00012345: high word 0x0001 first, then 0x2345
        b.i16(0x0001).i16(0x2345).i16(-1).i16(-2); // second: 0xFFFF_FFFE = −2
        Spectrum s = (Spectrum) registry.open(b.write(dir.resolve("o.spc"))).data();
        assertArrayEquals(new double[] { 0x12345, -2 }, s.y().values());
        assertArrayEquals(new double[] { 10, 20 }, s.x().values());
    }

    private Path jdx(String name, String data, int npoints) throws Exception {
        Path p = dir.resolve(name + ".jdx");
        Files.writeString(p, "##TITLE= t\n##JCAMP-DX= 4.24 $$ comment\n##DATA TYPE= RAMAN SPECTRUM\n##XUNITS= 1/CM\n"
                + "##YUNITS= COUNTS\n##FIRSTX= 10\n##LASTX= " + (10 + npoints - 1) + "\n##XFACTOR= 1\n##YFACTOR= 2\n"
                + "##NPOINTS= " + npoints + "\n##XYDATA= (X++(Y..Y))\n" + data + "##END=\n");
        return p;
    }

    @Test
    void jcampEveryAsdfForm() throws Exception {
        // values 1 2 3 3 3 10 −5 written AFFN, PAC, SQZ and DIF/DUP (with the Y check)
        double[] expected = { 2, 4, 6, 6, 6, 20, -10 };
        String[] forms = { "10 1 2 3 3 3\n15 10 -5\n", "10+1+2+3+3+3\n15+10-5\n", "10A B C C C\n15A0 e\n",
                "10AJJ%T\n15CP e\n" };
        for (String form : forms) {
            Spectrum s = (Spectrum) registry.open(jdx("f" + form.length(), form, 7)).data();
            assertArrayEquals(expected, s.y().values(), 1e-12, form);
            assertEquals(16, s.x().last(), 1e-12);
            assertEquals("Raman shift", s.x().quantity());
        }
    }

    @Test
    void jcampFailedYCheckAndOverlongDataAreRefused() throws Exception {
        ImportException e = assertThrows(ImportException.class,
                () -> registry.open(jdx("badcheck", "10AJJ%T\n15D\n", 5)));
        assertTrue(e.getMessage().contains("Y check"), e.getMessage());
        ImportException dup = assertThrows(ImportException.class,
                () -> registry.open(jdx("dup", "10A Z9999999999\n", 5)));
        assertTrue(dup.getMessage().contains("NPOINTS"), dup.getMessage());
    }

    @Test
    void textTwoColumnsAndLabspecMap() throws Exception {
        Path two = dir.resolve("s.txt");
        Files.writeString(two, "#Laser (nm)=532.1\n#Title=abc\n300\t5\n200\t6\n100\t7\nthe end\n");
        Imported im = registry.open(two);
        Spectrum s = (Spectrum) im.data();
        assertArrayEquals(new double[] { 300, 200, 100 }, s.x().values());
        assertEquals(532.1, im.metadata().number(Metadata.LASER_WAVELENGTH_NM).get(), 1e-9);
        assertEquals(1, im.metadata().number("malformed_rows_dropped").get());
        Path map = dir.resolve("map.txt");
        Files.writeString(map, "\t\t100\t200\t300\n0\t0\t1\t2\t3\n1\t0\t4\t5\t6\n0\t1\t7\t8\t9\n1\t1\t1\t1\t1\n");
        SpectrumMap m = (SpectrumMap) registry.open(map).data();
        assertEquals(2, m.nx());
        assertEquals(2, m.ny());
        assertEquals(8, m.intensities()[7]);
        assertEquals(1e-6, m.positionX()[1], 1e-15);
    }

    @Test
    void cancellingStopsTheImportAndProgressIsReported() throws Exception {
        Path f = dir.resolve("c.wdf");
        Files.write(f, wdf(2, 2, 2, 2, new float[][] { { 1, 2 }, { 3, 4 } }, new float[] { 1, 2 }, 1, null, null));
        java.util.List<Double> seen = new java.util.ArrayList<>();
        org.onset.io.api.ImportMonitor watching = new org.onset.io.api.ImportMonitor() {
            @Override
            public void progress(double fraction) {
                seen.add(fraction);
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        };
        registry.open(f, org.onset.io.api.ImportSettings.DEFAULTS, watching);
        assertEquals(1.0, seen.get(seen.size() - 1));
        org.onset.io.api.ImportMonitor cancelled = new org.onset.io.api.ImportMonitor() {
            @Override
            public void progress(double fraction) {
                // not watched
            }

            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        for (Path p : new Path[] { f, jdx("cancel", "10 1 2 3\n", 3) }) {
            assertThrows(org.onset.io.api.ImportCancelledException.class,
                    () -> registry.open(p, org.onset.io.api.ImportSettings.DEFAULTS, cancelled));
        }
    }

    @Test
    void unknownContentNamesTheKnownFormats() throws Exception {
        Path f = dir.resolve("noise.bin");
        Files.write(f, new byte[] { 1, 2, 3, 0, 9 });
        ImportException e = assertThrows(ImportException.class, () -> registry.open(f));
        assertTrue(e.getMessage().contains("no importer recognises") && e.getMessage().contains("JCAMP-DX"),
                e.getMessage());
    }

    /**
     * A LabSpec 6 XML export as its layout is: LSX_Tree with the title, the axes (intensity name and unit;
     * the spectral axis with its value array, name and unit), an instrument entry "Laser (nm)", then the
     * LSX_Matrix with one LSX_Row per spectrum.
     */
    static String labSpecXml(String xUnit, double[] x, double[]... rows) {
        return labSpecXml(xUnit, x, "", rows);
    }

    /** A position axis entry of a LabSpec map ("X" or "Y" in µm). */
    static String labSpecPositions(String id, String name, double... v) {
        StringBuilder b = new StringBuilder("<LSX Format=\"9\" ID=\"" + id + "\" Size=\"3\"><LSX Format=\"6\" ID=\"0x7D6CD4DB\" Size=\""
                + v.length + "\">");
        for (double d : v) {
            b.append(d).append(' ');
        }
        return b.append("</LSX><LSX Format=\"7\" ID=\"0x6D707974\">").append(name)
                .append("</LSX><LSX Format=\"7\" ID=\"0x7C696E75\">\u00b5m</LSX></LSX>\n").toString();
    }

    static String labSpecXml(String xUnit, double[] x, String positions, double[]... rows) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LSX_Data>\n")
                .append("<LSX_Tree Format=\"9\" ID=\"0x69746164\" Size=\"4\">\n")
                .append("<LSX Format=\"7\" ID=\"0x6D707974\">Spectrum</LSX>\n")
                .append("<LSX Format=\"8\" ID=\"0x6C7469D9\">li3n test</LSX>\n")
                .append("<LSX Format=\"9\" ID=\"0x7A74D9D6\" Size=\"1\"><LSX Format=\"9\" ID=\"0x7B697861\" Size=\"2\">\n")
                .append("<LSX Format=\"9\" ID=\"0x0\" Size=\"2\"><LSX Format=\"7\" ID=\"0x6D707974\">Intens</LSX>")
                .append("<LSX Format=\"7\" ID=\"0x7C696E75\">Cnt/sec</LSX></LSX>\n")
                .append("<LSX Format=\"9\" ID=\"0x1\" Size=\"3\"><LSX Format=\"6\" ID=\"0x7D6CD4DB\" Size=\"")
                .append(x.length).append("\">");
        for (double v : x) {
            b.append(v).append(' ');
        }
        b.append("</LSX><LSX Format=\"7\" ID=\"0x6D707974\">Spectr</LSX><LSX Format=\"7\" ID=\"0x7C696E75\">")
                .append(xUnit).append("</LSX></LSX>\n").append(positions).append("</LSX></LSX>\n")
                .append("<LSX Format=\"9\" ID=\"0x6C62D4D9\" Size=\"1\"><LSX Format=\"9\" ID=\"0x8716361\" Size=\"2\">\n")
                .append("<LSX Format=\"9\" ID=\"0x6D7361DE\" Size=\"3\"><LSX Format=\"7\" ID=\"0x6D6D616E\">Laser (nm)</LSX>")
                .append("<LSX Format=\"7\" ID=\"0x7D6C61DB\">633 </LSX><LSX Format=\"5\" ID=\"0x8736F70\">632.817</LSX></LSX>\n")
                .append("<LSX Format=\"9\" ID=\"0x6F707865\" Size=\"3\"><LSX Format=\"5\" ID=\"0x7D6C61DB\">3</LSX>")
                .append("<LSX Format=\"7\" ID=\"0x6D6D616E\">Acq. time (s)</LSX><LSX Format=\"7\" ID=\"0x7C696E75\">s</LSX></LSX>\n")
                .append("</LSX></LSX>\n</LSX_Tree>\n<LSX_Matrix Format=\"6\" ID=\"0x7D6CD4DB\" Size=\"").append(x.length).append("\">\n");
        for (int r = 0; r < rows.length; r++) {
            b.append("<LSX_Row Format=\"6\" Index=\"").append(r).append("\" Size=\"").append(x.length).append("\">\n");
            for (double v : rows[r]) {
                b.append(v).append(' ');
            }
            b.append("\n</LSX_Row>\n");
        }
        return b.append("</LSX_Matrix>\n</LSX_Data>\n").toString();
    }

    @Test
    void labSpecXmlSpectrumAndSeries() throws Exception {
        double[] x = { 2844.97, 2819.18, 2793.27 };
        Path one = Files.writeString(dir.resolve("one.xml"), labSpecXml("1/cm", x, new double[] { 166.333, 135.333, 115 }));
        Imported im = registry.open(one);
        assertEquals("labspec-xml", im.importerId());
        Spectrum s = assertInstanceOf(Spectrum.class, im.data());
        assertEquals("Raman shift", s.x().quantity());
        assertEquals("cm^-1", s.x().unit());
        assertArrayEquals(x, s.x().values(), "descending axis kept");
        assertArrayEquals(new double[] { 166.333, 135.333, 115 }, s.y().values());
        assertEquals("Cnt/sec", s.y().unit());
        assertEquals(632.817, im.metadata().number(Metadata.LASER_WAVELENGTH_NM).get());
        assertEquals(3.0, im.metadata().number("Acq. time (s)").get());
        assertEquals("li3n test", ((Metadata.Text) im.metadata().get(Metadata.TITLE).get()).value());

        Path two = Files.writeString(dir.resolve("two.xml"), labSpecXml("nm", new double[] { 640, 641 }, new double[] { 1, 2 },
                new double[] { 3, 4 }));
        SpectrumSet set = assertInstanceOf(SpectrumSet.class, registry.open(two).data());
        assertEquals(2, set.spectra().size());
        assertEquals("wavelength", set.spectra().get(0).x().quantity());
        assertArrayEquals(new double[] { 3, 4 }, set.spectra().get(1).y().values());

        // a 3 x 2 map (X first, so fastest) and a line scan along Y
        double[][] six = { { 0, 1 }, { 10, 11 }, { 20, 21 }, { 30, 31 }, { 40, 41 }, { 50, 51 } };
        Path map = Files.writeString(dir.resolve("map.xml"), labSpecXml("1/cm", new double[] { 2800, 2900 },
                labSpecPositions("0x2", "X", -2, 0, 2) + labSpecPositions("0x3", "Y", -1, 1), six));
        SpectrumMap m = assertInstanceOf(SpectrumMap.class, registry.open(map).data());
        assertEquals(3, m.nx());
        assertEquals(2, m.ny());
        assertArrayEquals(new double[] { 30, 31 }, m.spectrum(3).y().values());
        assertEquals(-2e-6, m.positionX()[3], 1e-15);
        assertEquals(1e-6, m.positionY()[3], 1e-15);
        Path line = Files.writeString(dir.resolve("line.xml"), labSpecXml("1/cm", new double[] { 2800, 2900 },
                labSpecPositions("0x2", "Y", 0, 0.5, 1) + labSpecPositions("0x3", "X", 0), six[0], six[1], six[2]));
        SpectrumMap l = assertInstanceOf(SpectrumMap.class, registry.open(line).data());
        assertEquals(1, l.nx());
        assertEquals(3, l.ny());
        assertEquals(0.5e-6, l.positionY()[1], 1e-15);
        assertArrayEquals(new double[] { 20, 21 }, l.spectrum(2).y().values());

        // rows that do not fit the axis, a row that is not numbers, a DTD: clear errors
        Path misfit = Files.writeString(dir.resolve("misfit.xml"), labSpecXml("1/cm", x, new double[] { 1, 2 }));
        assertTrue(assertThrows(ImportException.class, () -> registry.open(misfit)).getMessage().contains("no axis"));
        Path text = Files.writeString(dir.resolve("text.xml"), labSpecXml("1/cm", x, new double[] { 1, 2, 3 })
                .replace("<LSX_Row Format=\"6\" Index=\"0\" Size=\"3\">\n", "<LSX_Row Format=\"6\" Index=\"0\" Size=\"3\">\nabc "));
        assertTrue(assertThrows(ImportException.class, () -> registry.open(text)).getMessage().contains("not a number"));
        Path dtd = Files.writeString(dir.resolve("dtd.xml"), labSpecXml("1/cm", x, new double[] { 1, 2, 3 })
                .replace("<LSX_Data>", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<LSX_Data>"));
        assertThrows(ImportException.class, () -> registry.open(dtd));
    }
}
