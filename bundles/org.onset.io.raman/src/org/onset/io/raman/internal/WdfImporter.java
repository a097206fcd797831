package org.onset.io.raman.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.onset.io.api.Axis;
import org.onset.io.api.ContentProbe;
import org.onset.io.api.Data;
import org.onset.io.api.ImportException;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.Imported;
import org.onset.io.api.Importer;
import org.onset.io.api.Match;
import org.onset.io.api.Metadata;
import org.onset.io.api.Signal;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumMap;
import org.onset.io.api.SpectrumSet;
import org.onset.io.support.Bytes;
import org.onset.io.support.Cancel;
import org.onset.io.support.Limits;
import org.osgi.service.component.annotations.Component;

/**
 * Renishaw WiRE .wdf: a little-endian chain of blocks (id, uid, size). Single spectra, series and
 * z-scans, and maps (also StreamLine) whose grid comes from WMAP and whose positions come from ORGN.
 * Maps are returned x fastest whatever order the instrument scanned in; intensities stay float32.
 */
@Component(service = Importer.class)
public final class WdfImporter implements Importer {

    static final String FORMAT = "Renishaw WiRE WDF";
    private static final int HEADER = 512;
    /** WiRE's data types of the ORGN axes (high bit = primary axis, masked off). */
    private static final int ORIGIN_X = 3;
    private static final int ORIGIN_Y = 4;
    private static final int ORIGIN_Z = 5;

    @Override
    public String id() {
        return "renishaw-wdf";
    }

    @Override
    public String formatName() {
        return FORMAT + " (.wdf)";
    }

    @Override
    public List<String> extensions() {
        return List.of("wdf");
    }

    @Override
    public Match match(ContentProbe probe) {
        return probe.startsWith("WDF1") ? Match.content("magic 'WDF1'")
                : probe.extension().equals("wdf") ? Match.extension("wdf") : Match.none();
    }

    /** Where each block starts (the first of each id). */
    private static Map<String, long[]> blocks(Bytes b) throws ImportException {
        Map<String, long[]> blocks = new HashMap<>();
        long off = 0;
        while (off + 16 <= b.length()) {
            String id = b.text(off, 4);
            long size = b.i64(off + 8);
            if (size < 16 || size > b.length() - off) {
                if (off == 0) {
                    throw new ImportException(b.name() + ": the WDF1 header block claims " + size + " B");
                }
                break; // a damaged or truncated tail: the blocks before it are still usable
            }
            blocks.putIfAbsent(id, new long[] { off, size });
            off += size;
        }
        return blocks;
    }

    @Override
    public Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        Bytes b = Bytes.read(file, ByteOrder.LITTLE_ENDIAN);
        String name = b.name();
        if (b.length() < HEADER || !b.text(0, 4).equals("WDF1")) {
            throw new ImportException(name + ": not a WDF file (no 'WDF1' header of 512 B)");
        }
        Map<String, long[]> blocks = blocks(b);
        long points = b.u32(0x3C);
        long capacity = b.i64(0x40);
        long count = b.i64(0x48);
        long accumulations = b.u32(0x50);
        long originCount = b.u32(0x5C);
        int measurementType = b.i32(0x84);
        float laserWavenumber = b.f32(0x9C);
        String title = b.text(0xF0, 160);
        long[] dataBlock = need(blocks, "DATA", name);
        long[] xBlock = need(blocks, "XLST", name);
        if (points < 1 || count < 1) {
            throw new ImportException(name + ": " + points + " points per spectrum and " + count
                    + " spectra: nothing was measured");
        }
        if (count > capacity && capacity > 0) {
            throw new ImportException(name + ": " + count + " spectra collected but room for only " + capacity);
        }
        int p = Limits.count(name, "points per spectrum", points, 4, xBlock[1] - 24);
        long values = Limits.product(name, "spectra × points", count, points);
        Limits.count(name, "spectra × points", values, 4, dataBlock[1] - 16);
        int n = (int) count;

        int xUnit = b.i32(xBlock[0] + 20);
        Units.QU xq = Units.wire(xUnit);
        double[] xv = new double[p];
        b.need(xBlock[0] + 24, 4L * p, "XLST values");
        for (int i = 0; i < p; i++) {
            xv[i] = Float.intBitsToFloat(b.raw32((int) (xBlock[0] + 24 + 4L * i)));
        }
        Axis x = new Axis(xq.quantity(), xq.unit(), xv);
        Cancel.check(monitor, name, 0.05);

        // positions (µm in the file, m here) and time of each spectrum from ORGN
        double[][] origins = new double[ORIGIN_Z + 1][];
        long[] orgn = blocks.get("ORGN");
        if (orgn != null && originCount > 0) {
            long at = orgn[0] + 20;
            long axes = Math.min(b.u32(orgn[0] + 16), 64);
            for (int a = 0; a < axes; a++) {
                if (at + 24 + 8 * count > orgn[0] + orgn[1]) {
                    break;
                }
                int type = b.i32(at) & 0x7FFFFFFF;
                int unit = b.i32(at + 4);
                if (type >= ORIGIN_X && type <= ORIGIN_Z) {
                    double scale = switch (unit) {
                        case 5 -> 1e-6;
                        case 8 -> 1e-3;
                        case 9 -> 1;
                        case 3 -> 1e-9;
                        default -> 1e-6; // WiRE writes stage positions in µm
                    };
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = b.f64(at + 24 + 8L * i) * scale;
                    }
                    origins[type] = v;
                }
                at += 24 + 8 * count;
            }
        }

        Metadata.Builder m = new Metadata.Builder();
        if (!title.isBlank()) {
            m.text(Metadata.TITLE, title);
        }
        if (laserWavenumber > 0 && Float.isFinite(laserWavenumber)) {
            m.number(Metadata.LASER_WAVELENGTH_NM, 1e7 / laserWavenumber, "nm");
        }
        m.number("accumulations", accumulations, "").number("spectra_collected", count, "")
                .number("spectra_planned", capacity, "").text("application", b.text(0x60, 24)
                        + " " + b.u16(0x78) + "." + b.u16(0x7A) + "." + b.u16(0x7C) + "." + b.u16(0x7E))
                .text("measurement_type", switch (measurementType) {
                    case 1 -> "single";
                    case 2 -> "series";
                    case 3 -> "map";
                    default -> "unspecified (" + measurementType + ")";
                });
        if (count < capacity) {
            m.flag("interrupted", true);
        }

        long[] wmap = blocks.get("WMAP");
        Data data;
        long dataStart = dataBlock[0] + 16;
        if (wmap != null && wmap[1] >= 16 + 48) {
            data = map(b, wmap, dataStart, n, p, x, origins, monitor, m);
        } else {
            float[] all = floats(b, dataStart, n * p);
            Cancel.check(monitor, name, 0.9);
            List<Spectrum> spectra = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double[] y = new double[p];
                for (int k = 0; k < p; k++) {
                    y[k] = all[i * p + k];
                }
                spectra.add(new Spectrum(x, new Signal("intensity", "counts", y)));
            }
            if (n == 1) {
                data = spectra.get(0);
            } else {
                Axis index = varying(origins[ORIGIN_Z]) ? new Axis("z position", "m", origins[ORIGIN_Z])
                        : null;
                data = new SpectrumSet(spectra, index);
            }
        }
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "", data, m.build());
    }

    private static boolean varying(double[] v) {
        if (v == null) {
            return false;
        }
        for (double d : v) {
            if (d != v[0]) {
                return true;
            }
        }
        return false;
    }

    private static float[] floats(Bytes b, long at, int count) throws ImportException {
        b.need(at, 4L * count, "spectra");
        float[] f = new float[count];
        ByteBuffer.wrap(b.array(), (int) at, 4 * count).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }

    private static SpectrumMap map(Bytes b, long[] wmap, long dataStart, int n, int p, Axis x, double[][] origins,
            ImportMonitor monitor, Metadata.Builder m) throws ImportException {
        String name = b.name();
        long at = wmap[0] + 16;
        int flag = b.i32(at);
        long sx = b.u32(at + 32);
        long sy = b.u32(at + 36);
        long cells = Limits.product(name, "WMAP grid", sx, sy);
        if (cells < n) {
            throw new ImportException(name + ": WMAP grid " + sx + " × " + sy + " is smaller than the " + n
                    + " spectra stored");
        }
        // an interrupted map has fewer spectra than cells; a grid far beyond the file is damage
        Limits.count(name, "WMAP grid × points", cells * p, 4, 16L * b.length());
        int nx = (int) sx;
        int ny = (int) sy;
        m.number("wmap_flag", flag, "").number("map_step_x_m", b.f32(at + 20) * 1e-6, "m")
                .number("map_step_y_m", b.f32(at + 24) * 1e-6, "m");
        float[] stored = floats(b, dataStart, n * p);
        Cancel.check(monitor, name, 0.6);
        boolean columnMajor = (flag & 2) != 0;
        boolean snake = (flag & 4) != 0;
        float[] grid;
        double[] px = new double[nx * ny];
        double[] py = new double[nx * ny];
        Arrays.fill(px, Double.NaN);
        Arrays.fill(py, Double.NaN);
        if (!columnMajor && !snake && n == nx * ny) {
            grid = stored; // already x fastest: no copy
        } else {
            grid = new float[nx * ny * p];
            Arrays.fill(grid, Float.NaN); // cells an interrupted map never reached
        }
        for (int i = 0; i < n; i++) {
            int fast = columnMajor ? i % ny : i % nx;
            int slow = columnMajor ? i / ny : i / nx;
            if (snake && slow % 2 == 1) {
                fast = (columnMajor ? ny : nx) - 1 - fast;
            }
            int col = columnMajor ? slow : fast;
            int row = columnMajor ? fast : slow;
            int cell = row * nx + col;
            if (grid != stored) {
                System.arraycopy(stored, i * p, grid, cell * p, p);
            }
            px[cell] = origins[ORIGIN_X] == null ? Double.NaN : origins[ORIGIN_X][i];
            py[cell] = origins[ORIGIN_Y] == null ? Double.NaN : origins[ORIGIN_Y][i];
        }
        return new SpectrumMap(x, "intensity", "counts", nx, ny, grid, px, py);
    }

    private static long[] need(Map<String, long[]> blocks, String id, String name) throws ImportException {
        long[] block = blocks.get(id);
        if (block == null) {
            throw new ImportException(name + ": the WDF file has no " + id + " block (truncated or damaged)");
        }
        return block;
    }
}
