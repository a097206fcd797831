package org.onset.io.spm.internal;

import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.onset.io.api.Axis;
import org.onset.io.api.Channel;
import org.onset.io.api.ContentProbe;
import org.onset.io.api.Data;
import org.onset.io.api.Image;
import org.onset.io.api.ImportException;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.Imported;
import org.onset.io.api.Importer;
import org.onset.io.api.Match;
import org.onset.io.api.Metadata;
import org.onset.io.api.SettingDescriptor;
import org.onset.io.api.Signal;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumMap;
import org.onset.io.api.SpectrumSet;
import org.onset.io.support.Bytes;
import org.onset.io.support.Cancel;
import org.onset.io.support.Limits;
import org.osgi.service.component.annotations.Component;

/**
 * NT-MDT {@code .mdt} (Nova, Image Analysis): a 33-byte file header (magic 01 B0 93 FF, little
 * endian throughout) followed by frames, each with a 22-byte frame header, a block of variables and
 * the frame's data. Read are the scanned frames (type 0: one 2D image channel each, int16 scaled by
 * the z axis scale) and the curve frames (type 1 "spectroscopy" and 201 "curves": curves at points,
 * each with a forward and a backward run, or a single curve). The layout implemented and where it was
 * learnt is in {@code bundles/org.onset.io.spm/MDT.md}.
 * <p>
 * A file holds several frames; Onset's data model holds one image or one set of spectra. So: when the
 * file has image frames (scanned or MDA), the image is the first one, and every other image frame on
 * the same grid and extent is one more channel of it (NT-MDT writes each channel of a scan, and
 * forward and backward, as frames of their own);
 * otherwise the spectra of all curve frames form a set. Frames not read (other MDA shapes, new-style
 * curves, text, palette, images on another grid) are listed in the metadata, so nothing disappears
 * silently.
 */
@Component(service = Importer.class)
public final class MdtImporter implements Importer {

    static final String FORMAT = "NT-MDT MDT";
    static final byte[] MAGIC = { 0x01, (byte) 0xB0, (byte) 0x93, (byte) 0xFF };
    /** The file header as files have it: the documented 32 bytes plus one (frame 0 starts at 33). */
    static final int FILE_HEADER = 33;
    static final int FRAME_HEADER = 22;
    static final int AXIS_SCALES = 30;
    /** The scan variables read after the axis scales (channel … non-linearity correction). */
    static final int SCAN_VARS = 43;
    static final int FRAME_MODE = 8;
    static final int DOTS_HEADER = 14;
    static final int DOT = 16;

    static final int SCANNED = 0;
    static final int SPECTROSCOPY = 1;
    static final int CURVES = 201;
    static final int NEW_CURVES = 190;
    static final int MDA = 106;
    /** MDA frame: the fixed part of its header (sizes of the blocks that follow it). */
    static final int MDA_HEAD = 76;

    private static final Charset CP1251 = charset("windows-1251");

    @Override
    public String id() {
        return "ntmdt-mdt";
    }

    @Override
    public String formatName() {
        return FORMAT + " (.mdt)";
    }

    @Override
    public List<String> extensions() {
        return List.of("mdt");
    }

    /** Which part of a file with several kinds of frames is read. */
    static final String CONTENT = "mdt.content";
    /** Which curve of each point makes the map of a new-curves frame on a grid. */
    static final String CURVE = "mdt.curve";

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(new SettingDescriptor(CONTENT, String.class, "auto",
                "auto: a spectral map (3D MDA) if the file has one, else its images, else its curves; "
                        + "or one of map, images, curves"),
                new SettingDescriptor(CURVE, String.class, "1F",
                        "curves at grid points: the curve of each point the map holds, pass and direction "
                                + "(1F = first forward, 2B = second backward), or 'all' for every curve as a set"));
    }

    @Override
    public Match match(ContentProbe probe) {
        return probe.startsWith(MAGIC) ? Match.content("magic 01 B0 93 FF") : Match.none();
    }

    /** An NT-MDT axis scale: value = (offset + step · raw) in the unit, times {@link Unit#factor} in SI. */
    record Scale(double offset, double step, Unit unit) {
    }

    /** An NT-MDT unit code as an SI unit and the factor to it. */
    record Unit(int code, String si, double factor) {
    }

    /** One image channel of a frame on its grid: size and edges in the x/y unit (m for lengths). */
    private record Grid(int nx, int ny, double width, double height, double left, double bottom, String xyUnit,
            Channel channel) {
    }

    /**
     * A frame read: its index, type, and what it gave: an image channel, curves (old style), a spectral
     * map (3D MDA) or the curves of a new-style frame.
     */
    private record Frame(int index, int type, String title, Grid image, List<Spectrum> curves, String date,
            double biasV, SpectrumMap map, MdtNewCurves.Frame newCurves) {

        Frame(int index, int type, String title, Grid image, List<Spectrum> curves, String date, double biasV) {
            this(index, type, title, image, curves, date, biasV, null, null);
        }

        boolean hasCurves() {
            return !curves.isEmpty() || newCurves != null;
        }
    }

    @Override
    public Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        Bytes b = Bytes.read(file, ByteOrder.LITTLE_ENDIAN);
        String name = b.name();
        b.need(0, FILE_HEADER, "the file header");
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.u8(i) != (MAGIC[i] & 0xFF)) {
                throw new ImportException(name + ": no NT-MDT magic 01 B0 93 FF at the start");
            }
        }
        long declared = b.u32(4);
        if (declared + FILE_HEADER > b.length()) {
            throw new ImportException(name + ": the header says " + (declared + FILE_HEADER) + " B but the file has "
                    + b.length() + " B (truncated)");
        }
        int frameCount = b.u16(12) + 1;
        long end = declared + FILE_HEADER;
        List<Frame> frames = new ArrayList<>();
        List<ImportException> damaged = new ArrayList<>();
        TreeMap<String, Integer> skipped = new TreeMap<>();
        long at = FILE_HEADER;
        for (int f = 0; f < frameCount; f++) {
            Cancel.check(monitor, name, f / (double) frameCount);
            if (at + FRAME_HEADER > end) {
                throw new ImportException(name + ": frame " + f + " of " + frameCount + " starts at " + at
                        + " but the data end at " + end + " (truncated or a wrong frame count)");
            }
            long size = b.u32(at);
            if (size < FRAME_HEADER || size > end - at) {
                throw new ImportException(name + ": frame " + f + " claims " + size + " B at offset " + at + "; "
                        + (end - at) + " B are left and a frame needs at least " + FRAME_HEADER);
            }
            int type = b.u16(at + 4);
            if (type == SCANNED || type == SPECTROSCOPY || type == CURVES) {
                frames.add(frame(b, f, at, size, type));
            } else if (type == MDA) {
                Frame fr = mda(b, f, at, size, skipped);
                if (fr != null) {
                    frames.add(fr);
                }
            } else if (type == NEW_CURVES) {
                try {
                    MdtNewCurves.Frame nc = MdtNewCurves.read(b, f, at, size);
                    frames.add(new Frame(f, type, nc.title(), null, List.of(), date(b, at), Double.NaN, null, nc));
                } catch (ImportException e) {
                    // a damaged curves frame must not hide the file's images; it fails the read when asked for
                    damaged.add(e);
                }
            } else {
                skipped.merge(typeName(type), 1, Integer::sum);
            }
            at += size;
        }
        return result(file, name, frames, damaged, skipped, frameCount, settings, monitor);
    }

    private Imported result(Path file, String name, List<Frame> frames, List<ImportException> damaged,
            TreeMap<String, Integer> skipped, int frameCount, ImportSettings settings, ImportMonitor monitor)
            throws ImportException {
        String content = settings.text(CONTENT, "auto").strip().toLowerCase(Locale.ROOT);
        boolean hasMap = frames.stream().anyMatch(fr -> fr.map() != null);
        boolean hasImage = frames.stream().anyMatch(fr -> fr.image() != null);
        boolean hasCurves = frames.stream().anyMatch(Frame::hasCurves);
        String read = switch (content) {
            case "auto" -> hasMap ? "map" : hasImage ? "images" : "curves";
            case "map", "images", "curves" -> content;
            default -> throw new ImportException(name + ": setting " + CONTENT + "=" + content
                    + " is none of auto, map, images, curves");
        };
        if (read.equals("curves") && !damaged.isEmpty()) {
            throw damaged.get(0);
        }
        for (ImportException e : damaged) {
            String why = e.getMessage().startsWith(name + ": ") ? e.getMessage().substring(name.length() + 2)
                    : e.getMessage();
            skipped.merge("damaged curves (new): " + why.replace(",", ";"), 1, Integer::sum);
        }
        boolean available = read.equals("map") ? hasMap : read.equals("images") ? hasImage : hasCurves;
        if (!available) {
            if (!hasMap && !hasImage && !hasCurves) {
                throw new ImportException(name + ": no scanned or curve frame to read (frames: "
                        + (skipped.isEmpty() ? "none" : skipped) + ")");
            }
            throw new ImportException(name + ": " + CONTENT + "=" + content + " asks for "
                    + (read.equals("map") ? "a spectral map (3D MDA)" : read) + " but the file has "
                    + (hasMap ? "a spectral map, " : "") + (hasImage ? "images, " : "") + (hasCurves ? "curves, " : "")
                    + "nothing else that Onset reads");
        }
        // frames of the kinds not read stay listed, with the setting that reads them
        for (Frame fr : frames) {
            String kind = fr.map() != null ? "map" : fr.image() != null ? "images" : "curves";
            if (!kind.equals(read)) {
                skipped.merge(typeName(fr.type()) + (kind.equals("map") ? " spectral map" : kind.equals("images")
                        ? " image" : "") + " (read with " + CONTENT + "=" + kind + ")", 1, Integer::sum);
            }
        }
        Metadata.Builder m = new Metadata.Builder();
        m.number("frames", frameCount, "");
        Data data;
        if (read.equals("map")) {
            Frame first = frames.stream().filter(fr -> fr.map() != null).findFirst().orElseThrow();
            for (Frame fr : frames) {
                if (fr.map() != null && fr != first) {
                    skipped.merge("MDA spectral map (only the first is read)", 1, Integer::sum);
                }
            }
            data = first.map();
            m.text(Metadata.TITLE, first.title());
            m.text("map_frame", String.valueOf(first.index()));
            m.text("date", first.date());
        } else if (read.equals("images")) {
            Frame first = frames.stream().filter(fr -> fr.image() != null).findFirst().orElseThrow();
            List<Channel> channels = new ArrayList<>();
            StringBuilder used = new StringBuilder();
            Grid g = first.image();
            for (Frame fr : frames) {
                if (fr.image() == null) {
                    continue;
                } else if (sameGrid(fr.image(), g)) {
                    channels.add(fr.image().channel());
                    used.append(used.length() == 0 ? "" : ", ").append(fr.index());
                } else {
                    skipped.merge(typeName(fr.type()) + " on another grid", 1, Integer::sum);
                }
            }
            data = new Image(g.nx(), g.ny(), g.width(), g.height(), g.left(), g.bottom() + g.height(), channels);
            m.text(Metadata.TITLE, first.title());
            m.text("image_frames", used.toString());
            if (!g.xyUnit().equals("m")) {
                m.text("xy_unit", g.xyUnit() + " (not a length: width_m and height_m are in it)");
            }
            if (Double.isFinite(first.biasV())) {
                m.number("bias_V", first.biasV(), "V");
            }
            m.text("date", first.date());
        } else {
            List<Frame> curveFrames = frames.stream().filter(Frame::hasCurves).toList();
            data = curves(name, curveFrames, settings, m);
            m.text(Metadata.TITLE, curveFrames.get(0).title());
            m.text("date", curveFrames.get(0).date());
        }
        if (!skipped.isEmpty()) {
            StringBuilder s = new StringBuilder();
            skipped.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(v).append(" × ").append(k));
            m.text("frames_not_read", s.toString());
        }
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "", data, m.build());
    }

    private static final Pattern CURVE_CHOICE = Pattern.compile("(\\d+)([FfBb])");

    /**
     * The curves of the curve frames. A single new-style frame whose points fill a grid (each x with
     * each y once) and whose curves share one axis becomes a map of one chosen curve per point, with
     * the points' positions; otherwise (or with {@code mdt.curve=all}) every curve is one spectrum of a
     * set, old-style frames first in file order.
     */
    private static Data curves(String name, List<Frame> curveFrames, ImportSettings settings, Metadata.Builder m)
            throws ImportException {
        String choice = settings.text(CURVE, "1F").strip();
        boolean all = choice.equalsIgnoreCase("all");
        Matcher c = CURVE_CHOICE.matcher(choice);
        if (!all && !c.matches()) {
            throw new ImportException(name + ": setting " + CURVE + "=" + choice
                    + " is neither 'all' nor a pass and direction such as 1F or 2B");
        }
        if (curveFrames.size() == 1 && curveFrames.get(0).newCurves() != null) {
            MdtNewCurves.Frame nc = curveFrames.get(0).newCurves();
            m.number("curve_points", nc.points(), "");
            m.number("curves_per_point", nc.curves().size() / (double) nc.points(), "");
            if (!all) {
                int pass = Integer.parseInt(c.group(1)) - 1;
                boolean backward = c.group(2).equalsIgnoreCase("B");
                SpectrumMap map = gridMap(nc, pass, backward);
                if (map != null) {
                    m.text("map_curve", (pass + 1) + (backward ? "B" : "F") + " (pass " + (pass + 1) + " of "
                            + nc.passes() + ", " + (backward ? "backward" : "forward") + "; " + CURVE
                            + " chooses another, 'all' gives every curve)");
                    return map;
                }
                if (nc.curves().stream().noneMatch(k -> k.pass() == pass && k.backward() == backward)) {
                    throw new ImportException(name + ": " + CURVE + "=" + choice + " names a curve no point has ("
                            + nc.passes() + " pass(es))");
                }
            }
            List<Spectrum> spectra = new ArrayList<>();
            double[] point = new double[nc.curves().size()];
            for (int k = 0; k < point.length; k++) {
                MdtNewCurves.Curve cv = nc.curves().get(k);
                spectra.add(spectrum(cv));
                point[k] = cv.point() + 1;
            }
            return new SpectrumSet(spectra, new Axis("point", "", point));
        }
        List<Spectrum> spectra = new ArrayList<>();
        for (Frame fr : curveFrames) {
            spectra.addAll(fr.curves());
            if (fr.newCurves() != null) {
                for (MdtNewCurves.Curve cv : fr.newCurves().curves()) {
                    spectra.add(spectrum(cv));
                }
            }
        }
        if (spectra.isEmpty()) {
            throw new ImportException(name + ": its curve frames hold no points");
        }
        return new SpectrumSet(spectra, null);
    }

    private static Spectrum spectrum(MdtNewCurves.Curve c) {
        return new Spectrum(new Axis(c.xQuantity(), c.xUnit(), c.x()), new Signal(c.yQuantity(), c.yUnit(), c.y()));
    }

    /** The chosen curve of every point as a map, or null when the points do not fill a grid on one axis. */
    private static SpectrumMap gridMap(MdtNewCurves.Frame nc, int pass, boolean backward) {
        List<MdtNewCurves.Curve> chosen = new ArrayList<>();
        for (MdtNewCurves.Curve cv : nc.curves()) {
            if (cv.pass() == pass && cv.backward() == backward) {
                chosen.add(cv);
            }
        }
        if (chosen.size() != nc.points() || chosen.size() < 2) {
            return null;
        }
        TreeSet<Double> xs = new TreeSet<>();
        TreeSet<Double> ys = new TreeSet<>();
        for (MdtNewCurves.Curve cv : chosen) {
            xs.add(cv.xM());
            ys.add(cv.yM());
        }
        int nx = xs.size();
        int ny = ys.size();
        if ((long) nx * ny != chosen.size()) {
            return null;
        }
        List<Double> xl = new ArrayList<>(xs);
        List<Double> yl = new ArrayList<>(ys);
        MdtNewCurves.Curve first = chosen.get(0);
        int n = first.x().length;
        MdtNewCurves.Curve[] cells = new MdtNewCurves.Curve[nx * ny];
        for (MdtNewCurves.Curve cv : chosen) {
            int i = yl.indexOf(cv.yM()) * nx + xl.indexOf(cv.xM());
            if (cells[i] != null || !java.util.Arrays.equals(cv.x(), first.x()) || !cv.yUnit().equals(first.yUnit())) {
                return null;
            }
            cells[i] = cv;
        }
        float[] values = new float[nx * ny * n];
        double[] px = new double[nx * ny];
        double[] py = new double[nx * ny];
        for (int i = 0; i < cells.length; i++) {
            for (int k = 0; k < n; k++) {
                values[i * n + k] = (float) cells[i].y()[k];
            }
            px[i] = cells[i].xM();
            py[i] = cells[i].yM();
        }
        return new SpectrumMap(new Axis(first.xQuantity(), first.xUnit(), first.x()), first.yQuantity(), first.yUnit(),
                nx, ny, values, px, py);
    }

    private static boolean sameGrid(Grid a, Grid b) {
        return a.nx() == b.nx() && a.ny() == b.ny() && a.xyUnit().equals(b.xyUnit()) && close(a.width(), b.width())
                && close(a.height(), b.height());
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
    }

    /** Frame header, variables, frame mode, dots and data of a scanned or curve frame. */
    private Frame frame(Bytes b, int index, long start, long size, int type) throws ImportException {
        String name = b.name();
        String where = "frame " + index;
        String date = date(b, start);
        int varSize = b.u16(start + 20);
        if (varSize < AXIS_SCALES + SCAN_VARS) {
            throw new ImportException(name + ": " + where + " has " + varSize + " B of variables, fewer than the "
                    + (AXIS_SCALES + SCAN_VARS) + " its axis scales and scan variables take");
        }
        if (FRAME_HEADER + varSize + FRAME_MODE > size) {
            throw new ImportException(name + ": " + where + " of " + size + " B is too short for its " + varSize
                    + " B of variables and the frame mode");
        }
        long v = start + FRAME_HEADER;
        Scale x = scale(b, v, where + " x scale");
        Scale y = scale(b, v + 10, where + " y scale");
        Scale z = scale(b, v + 20, where + " z scale");
        int adc = b.i8(v + AXIS_SCALES);
        // bias (s_ut) sits after channel, mode, nx, ny, DAC step, step length, adt, gain, index,
        // two version bytes, direction, 2^n, velocity and setpoint: 28 bytes into the scan variables
        double bias = b.f32(v + AXIS_SCALES + 28);
        long p = start + FRAME_HEADER + varSize;
        int nx = b.u16(p + 2);
        int ny = b.u16(p + 4);
        int dots = b.u16(p + 6);
        p += FRAME_MODE;
        long frameEnd = start + size;
        long dotsAt = -1;
        if (dots > 0) {
            if (p + DOTS_HEADER + (long) dots * DOT > frameEnd) {
                throw new ImportException(name + ": " + where + " lists " + dots + " points but is "
                        + (frameEnd - p) + " B short of their coordinates");
            }
            dotsAt = p;
            p += DOTS_HEADER + (long) dots * DOT;
        }
        long values = (long) nx * ny;
        Limits.count(name, where + " data (" + nx + " × " + ny + ")", values, 2, frameEnd - p);
        long dataAt = p;
        p += 2 * values;
        String title = "";
        if (frameEnd - p > 4) {
            long len = b.u32(p);
            if (len > 0 && len <= frameEnd - p - 4) {
                title = new String(b.array(), (int) (p + 4), (int) len, CP1251).strip();
            }
        }
        if (title.isEmpty()) {
            title = adcName(adc);
        }
        if (type == SCANNED) {
            if (nx == 0 || ny == 0) {
                throw new ImportException(name + ": " + where + " is a scan of " + nx + " × " + ny + " points");
            }
            if (!(x.step() > 0) || !(y.step() > 0)) {
                throw new ImportException(name + ": " + where + " has a pixel size of 0 (x step " + x.step()
                        + ", y step " + y.step() + ")");
            }
            double[] image = new double[(int) values];
            double zo = z.offset() * z.unit().factor();
            double zs = z.step() * z.unit().factor();
            // the file's first line is the bottom of the image; Channel wants row 0 at the top
            for (int r = 0; r < ny; r++) {
                int row = ny - 1 - r;
                long line = dataAt + 2L * r * nx;
                for (int c = 0; c < nx; c++) {
                    image[row * nx + c] = zo + zs * b.i16(line + 2L * c);
                }
            }
            double f = x.unit().factor();
            Grid g = new Grid(nx, ny, nx * x.step() * f, ny * y.step() * y.unit().factor(), x.offset() * f,
                    y.offset() * y.unit().factor(), x.unit().si(), new Channel(title, adcQuantity(adc), z.unit().si(),
                            image));
            return new Frame(index, type, title, g, List.of(), date, bias);
        }
        List<Spectrum> curves = new ArrayList<>();
        String xq = quantityOfUnit(x.unit().si());
        if (dots == 0) {
            if (nx > 0) {
                curves.add(curve(b, dataAt, nx, x, z, xq, adc));
            }
        } else {
            long q = dataAt;
            for (int d = 0; d < dots; d++) {
                long at = dotsAt + DOTS_HEADER + (long) d * DOT;
                long forward = b.i32(at + 8);
                long backward = b.i32(at + 12);
                for (long n : new long[] { forward, backward }) {
                    Limits.count(name, where + " point " + d + " curve", n, 2, dataAt + 2 * values - q);
                    if (n > 0) {
                        curves.add(curve(b, q, (int) n, x, z, xq, adc));
                    }
                    q += 2 * n;
                }
            }
        }
        return new Frame(index, type, title, null, curves, date, Double.NaN);
    }

    /**
     * An MDA frame (Nova's newer "2D data"): a header with the sizes of name, comment, view info, spec,
     * source info and variables; the variables hold an array description and calibrations (name,
     * unit, bias, scale, index range, data type) of the dimensions and measurands, and the data follow
     * them. Two dimensions and one measurand make an image channel; other shapes (spectra, Raman
     * hyperspectral maps) are listed as not read.
     */
    private Frame mda(Bytes b, int index, long start, long size, TreeMap<String, Integer> skipped)
            throws ImportException {
        String name = b.name();
        String where = "frame " + index + " (MDA)";
        long end = start + size;
        long q = start + FRAME_HEADER;
        if (q + MDA_HEAD > end) {
            throw new ImportException(name + ": " + where + " of " + size + " B is too short for its header");
        }
        long headSize = b.u32(q);
        long[] blocks = new long[6]; // name, comment, view info, spec, source info, variables
        for (int k = 0; k < 6; k++) {
            blocks[k] = b.u32(q + 44 + 4L * k);
        }
        long p = q + headSize;
        if (headSize < MDA_HEAD || p > end) {
            throw new ImportException(name + ": " + where + " header size " + headSize + " does not fit the frame");
        }
        String title = "";
        if (blocks[0] <= end - p) {
            title = new String(b.array(), (int) p, (int) blocks[0], StandardCharsets.UTF_8).strip();
        }
        String comment = "";
        if (blocks[0] <= end - p && blocks[1] <= end - p - blocks[0]) {
            comment = new String(b.array(), (int) (p + blocks[0]), (int) blocks[1], StandardCharsets.UTF_16LE);
        }
        for (int k = 0; k < 5; k++) {
            if (blocks[k] > end - p) {
                throw new ImportException(name + ": " + where + " block " + k + " claims " + blocks[k] + " B, "
                        + (end - p) + " B are left in the frame");
            }
            p += blocks[k];
        }
        if (p + 8 + 20 > end) {
            throw new ImportException(name + ": " + where + " ends before its array description");
        }
        long structLen = b.u32(p + 4);
        long array = p + 8;
        int cell = (int) Math.min(Integer.MAX_VALUE, b.u32(array + 8));
        long dims = b.u32(array + 12);
        long measurands = b.u32(array + 16);
        if (structLen < 20 || structLen > end - array) {
            throw new ImportException(name + ": " + where + " array description of " + structLen + " B");
        }
        Limits.count(name, where + " calibrations", dims + measurands, 8, end - array);
        p = array + structLen;
        List<Calibration> cals = new ArrayList<>();
        for (long k = 0; k < dims + measurands; k++) {
            Calibration c = calibration(b, p, end, where + " calibration " + k);
            cals.add(c);
            p += c.total();
        }
        if (dims == 3 && measurands >= 1) {
            return spectralMap(b, index, start, p, end, title, comment, cals, (int) dims, skipped);
        }
        if (dims != 2 || measurands != 1) {
            skipped.merge("MDA with " + dims + " dimension(s) and " + measurands + " measurand(s)", 1, Integer::sum);
            return null;
        }
        Calibration cx = cals.get(0);
        Calibration cy = cals.get(1);
        Calibration cz = cals.get(2);
        int bytes = cz.bytesPerValue();
        if (bytes == 0) {
            skipped.merge("MDA of data type " + cz.dataType(), 1, Integer::sum);
            return null;
        }
        long nx = cx.count();
        long ny = cy.count();
        long n = Limits.product(name, where + " grid", nx, ny);
        if (cell != bytes) {
            throw new ImportException(name + ": " + where + " cells of " + cell + " B hold one value of " + bytes
                    + " B");
        }
        Limits.count(name, where + " data (" + nx + " × " + ny + ")", n, bytes, end - p);
        if (!(cx.scale() != 0) || !(cy.scale() != 0)) {
            throw new ImportException(name + ": " + where + " has a pixel size of 0");
        }
        Unit ux = cx.unit();
        Unit uz = cz.unit();
        double[] z = new double[(int) n];
        int w = (int) nx;
        int h = (int) ny;
        for (int r = 0; r < h; r++) {
            int row = h - 1 - r; // as in scanned frames, the first line is the bottom
            for (int c = 0; c < w; c++) {
                double raw = cz.raw(b, p + ((long) r * w + c) * bytes);
                z[row * w + c] = (cz.bias() + cz.scale() * raw) * uz.factor();
            }
        }
        Grid g = new Grid(w, h, w * Math.abs(cx.scale()) * ux.factor(), h * Math.abs(cy.scale()) * cy.unit().factor(),
                cx.bias() * ux.factor(), cy.bias() * cy.unit().factor(), ux.si(),
                new Channel(title.isEmpty() ? cz.name() : title, quantityOfMeasurand(uz.si(), cz.name()), uz.si(), z));
        return new Frame(index, MDA, title, g, List.of(), date(b, start), Double.NaN);
    }

    /** An element of the MDA comment's XML (UTF-16LE) by its path's last name, or "" when absent. */
    private static String commentValue(String comment, String element) {
        Matcher m = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(comment);
        return m.find() ? m.group(1).strip() : "";
    }

    /**
     * A 3D MDA frame: a hyperspectral (confocal Raman) map. The comment's FrameType says the axis
     * order: "Spectra2DFullSpectrum" puts the spectral dimension first (spectral, x, y), older files
     * put it last (x, y, spectral). The first measurand holds the intensities, for each line of the
     * scan, for each point of the line, the whole spectrum; a second measurand, when present, holds the
     * spectral axis itself (one value per channel, after the intensities), else the spectral dimension's
     * bias and scale give it. Scanning/Location says where the scan starts (0 left-top, 1 left-bottom
     * (the default), 2 right-top, 3 right-bottom; vertical scans 4–7 are not read); positions follow
     * from it and the x/y dimensions' bias and scale.
     */
    private Frame spectralMap(Bytes b, int index, long start, long p, long end, String title, String comment,
            List<Calibration> cals, int dims, TreeMap<String, Integer> skipped) throws ImportException {
        String name = b.name();
        String where = "frame " + index + " (MDA spectral map)";
        String type = commentValue(comment, "FrameType");
        if (type.startsWith("HybridForceVolume")) {
            skipped.merge("MDA hybrid force volume", 1, Integer::sum);
            return null;
        }
        String external = commentValue(comment, "ExternalDataFileName");
        if (!external.isEmpty()) {
            skipped.merge("MDA spectral map with its data in another file (" + external + ")", 1, Integer::sum);
            return null;
        }
        String loc = commentValue(comment, "Location");
        int location = loc.matches("\\d{1,2}") ? Integer.parseInt(loc) : 1;
        if (location > 3) {
            skipped.merge("MDA spectral map scanned vertically (location " + location + ")", 1, Integer::sum);
            return null;
        }
        boolean spectralFirst = type.startsWith("Spectra2DFullSpectrum");
        Calibration cx = cals.get(spectralFirst ? 1 : 0);
        Calibration cy = cals.get(spectralFirst ? 2 : 1);
        Calibration cs = cals.get(spectralFirst ? 0 : 2);
        Calibration cw = cals.get(dims);
        int bytes = cw.bytesPerValue();
        if (bytes == 0) {
            throw new ImportException(name + ": " + where + " has intensities of unknown data type " + cw.dataType());
        }
        long nx = cx.count();
        long ny = cy.count();
        long nz = cs.count();
        long n = Limits.product(name, where + " grid", nx, ny, nz);
        Limits.count(name, where + " data (" + nx + " × " + ny + " × " + nz + ")", n, bytes, end - p);
        double[] axis = new double[(int) nz];
        Unit su;
        if (cals.size() > dims + 1) {
            Calibration ca = cals.get(dims + 1);
            int ab = ca.bytesPerValue();
            if (ab == 0) {
                throw new ImportException(name + ": " + where + " spectral axis of unknown data type " + ca.dataType());
            }
            long axisAt = p + n * bytes;
            Limits.count(name, where + " spectral axis", nz, ab, end - axisAt);
            for (int k = 0; k < nz; k++) {
                axis[k] = ca.bias() + ca.scale() * ca.raw(b, axisAt + (long) k * ab);
            }
            su = spectralUnit(ca);
        } else {
            for (int k = 0; k < nz; k++) {
                axis[k] = cs.bias() + cs.scale() * k;
            }
            su = spectralUnit(cs);
        }
        for (int k = 0; k < nz; k++) {
            axis[k] = Limits.finite(name, where + " spectral axis value " + k, axis[k] * su.factor());
        }
        int w = (int) nx;
        int h = (int) ny;
        int z = (int) nz;
        float[] values = new float[(int) n];
        Unit wu = cw.unit();
        for (long k = 0; k < n; k++) {
            values[(int) k] = (float) ((cw.bias() + cw.scale() * cw.raw(b, p + k * bytes)) * wu.factor());
        }
        // file order kept (x fastest); each spectrum gets the position where the scan put it
        double[] px = new double[w * h];
        double[] py = new double[w * h];
        double sx = Math.abs(cx.scale()) * cx.unit().factor();
        double sy = Math.abs(cy.scale()) * cy.unit().factor();
        boolean fromRight = location == 2 || location == 3;
        boolean fromTop = location == 0 || location == 2;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                px[r * w + c] = cx.bias() * cx.unit().factor() + (fromRight ? w - 1 - c : c) * sx;
                py[r * w + c] = cy.bias() * cy.unit().factor() + (fromTop ? h - 1 - r : r) * sy;
            }
        }
        SpectrumMap map = new SpectrumMap(new Axis(spectralQuantity(su.si()), su.si(), axis),
                quantityOfMeasurand(wu.si(), cw.name()), wu.si(), w, h, values, px, py);
        return new Frame(index, MDA, title, null, List.of(), date(b, start), Double.NaN, map, null);
    }

    /** The spectral axis unit as Onset's spectra use it: nm for wavelengths, cm^-1 for Raman shifts. */
    private static Unit spectralUnit(Calibration c) {
        String t = c.unitText().strip();
        if (t.equals("1/cm") || t.equals("cm-1") || t.equals("cm^-1") || t.equals("cm⁻¹")) {
            return new Unit(0, "cm^-1", 1);
        }
        if (t.equals("nm")) {
            return new Unit(0, "nm", 1);
        }
        return c.unit();
    }

    private static String spectralQuantity(String unit) {
        return switch (unit) {
            case "nm", "m" -> "wavelength";
            case "cm^-1" -> "Raman shift";
            case "s" -> "time";
            case "V" -> "bias";
            default -> "x";
        };
    }

    private static String date(Bytes b, long start) throws ImportException {
        return String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d", b.u16(start + 8), b.u16(start + 10),
                b.u16(start + 12), b.u16(start + 14), b.u16(start + 16), b.u16(start + 18));
    }

    /** An MDA calibration: a dimension (index → bias + scale · index) or a measurand (raw → bias + scale · raw). */
    record Calibration(long total, String name, String unitText, long siCode, double bias, double scale, long min,
            long max, int dataType) {

        long count() {
            return max - min + 1;
        }

        int bytesPerValue() {
            return switch (dataType) {
                case -1, 1 -> 1;
                case -2, 2 -> 2;
                case -4, 4, -5892 -> 4;
                case -8, 8, -13320 -> 8;
                default -> 0;
            };
        }

        double raw(Bytes b, long at) throws ImportException {
            return switch (dataType) {
                case -1 -> b.i8(at);
                case 1 -> b.u8(at);
                case -2 -> b.i16(at);
                case 2 -> b.u16(at);
                case -4 -> b.i32(at);
                case 4 -> b.u32(at);
                case -8 -> b.i64(at);
                case 8 -> unsigned(b.i64(at));
                case -5892 -> b.f32(at);
                default -> b.f64(at);
            };
        }

        private static double unsigned(long v) {
            return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
        }

        /** The unit text with its SI prefix, or, when there is none, the SI code Gwyddion knows. */
        Unit unit() {
            if (!unitText.isBlank()) {
                return parseUnit(unitText.strip());
            }
            if (siCode == 0x101L) {
                return new Unit(0, "m", 1);
            } else if (siCode == 0x100001L) {
                return new Unit(0, "A", 1);
            } else if (siCode == 0xfffd010200L) {
                return new Unit(0, "V", 1);
            } else if (siCode == 0x1000001L) {
                return new Unit(0, "s", 1);
            }
            return new Unit(0, "", 1);
        }
    }

    private static Calibration calibration(Bytes b, long at, long end, String what) throws ImportException {
        String name = b.name();
        if (at + 8 > end) {
            throw new ImportException(name + ": " + what + " starts beyond the frame");
        }
        long total = b.u32(at);
        long structLen = b.u32(at + 4);
        long s = at + 8;
        if (total < 8 + 76 || total > end - at || structLen < 76 || structLen > total - 8) {
            throw new ImportException(name + ": " + what + " of " + total + " B (struct " + structLen
                    + " B) does not fit the frame");
        }
        long nameLen = b.u32(s);
        long commentLen = b.u32(s + 4);
        long unitLen = b.u32(s + 8);
        long si = b.i64(s + 12);
        double bias = Limits.finite(name, what + " bias", b.f64(s + 36));
        double scale = Limits.finite(name, what + " scale", b.f64(s + 44));
        long min = b.i64(s + 52);
        long max = b.i64(s + 60);
        int type = b.i32(s + 68);
        long strings = s + structLen;
        if (nameLen + commentLen + unitLen > at + total - strings) {
            throw new ImportException(name + ": " + what + " names more text than it holds");
        }
        String n = new String(b.array(), (int) strings, (int) nameLen, StandardCharsets.UTF_8);
        String unit = new String(b.array(), (int) (strings + nameLen + commentLen), (int) unitLen,
                StandardCharsets.UTF_8);
        return new Calibration(total, n, unit, si, bias, scale, min, max < min ? min - 1 : max, type);
    }

    private static final String[] PREFIXES = { "p", "n", "u", "µ", "m", "c", "k", "M", "G" };
    private static final double[] POWERS = { 1e-12, 1e-9, 1e-6, 1e-6, 1e-3, 1e-2, 1e3, 1e6, 1e9 };
    private static final List<String> BASE_UNITS = List.of("m", "A", "V", "N", "s", "Hz", "deg", "%", "W");

    /** "um" → m × 1e-6, "nA" → A × 1e-9; a unit it does not know is kept as written. */
    static Unit parseUnit(String text) {
        if (text.equals("Å") || text.equals("A°")) {
            return new Unit(0, "m", 1e-10);
        }
        if (BASE_UNITS.contains(text)) {
            return new Unit(0, text, 1);
        }
        for (int k = 0; k < PREFIXES.length; k++) {
            if (text.startsWith(PREFIXES[k]) && BASE_UNITS.contains(text.substring(PREFIXES[k].length()))) {
                return new Unit(0, text.substring(PREFIXES[k].length()), POWERS[k]);
            }
        }
        return new Unit(0, text, 1);
    }

    private static String quantityOfMeasurand(String si, String name) {
        return switch (si) {
            case "A" -> "current";
            case "m" -> "height";
            case "V" -> "voltage";
            case "N" -> "force";
            case "deg" -> "phase";
            default -> name.isBlank() ? "value" : name;
        };
    }

    private static Spectrum curve(Bytes b, long at, int n, Scale x, Scale z, String xQuantity, int adc)
            throws ImportException {
        double[] xs = new double[n];
        double[] ys = new double[n];
        double xo = x.offset() * x.unit().factor();
        double xs1 = x.step() * x.unit().factor();
        double zo = z.offset() * z.unit().factor();
        double zs = z.step() * z.unit().factor();
        for (int i = 0; i < n; i++) {
            xs[i] = xo + i * xs1;
            ys[i] = zo + zs * b.i16(at + 2L * i);
        }
        return new Spectrum(new Axis(xQuantity, x.unit().si(), xs), new Signal(adcQuantity(adc), z.unit().si(), ys));
    }

    private static Scale scale(Bytes b, long at, String what) throws ImportException {
        double offset = Limits.finite(b.name(), what + " offset", b.f32(at));
        double step = Limits.finite(b.name(), what + " step", b.f32(at + 4));
        return new Scale(offset, Math.abs(step), unit(b.i16(at + 8)));
    }

    /** The codes of NT-MDT's unit table (Gwyddion's nt-mdt.c and the Kaitai description agree). */
    static Unit unit(int code) {
        return switch (code) {
            case -10 -> new Unit(code, "cm^-1", 1);
            case -5 -> new Unit(code, "m", 1);
            case -4 -> new Unit(code, "m", 1e-2);
            case -3 -> new Unit(code, "m", 1e-3);
            case -2 -> new Unit(code, "m", 1e-6);
            case -1 -> new Unit(code, "m", 1e-9);
            case 0 -> new Unit(code, "m", 1e-10);
            case 1, 23 -> new Unit(code, "A", 1e-9);
            case 2, 8, 25 -> new Unit(code, "V", 1);
            case 4 -> new Unit(code, "Hz", 1e3);
            case 5 -> new Unit(code, "deg", 1);
            case 6 -> new Unit(code, "%", 1);
            case 7 -> new Unit(code, "°C", 1);
            case 9 -> new Unit(code, "s", 1);
            case 10 -> new Unit(code, "s", 1e-3);
            case 11 -> new Unit(code, "s", 1e-6);
            case 12 -> new Unit(code, "s", 1e-9);
            case 13 -> new Unit(code, "counts", 1);
            case 14 -> new Unit(code, "px", 1);
            case 20 -> new Unit(code, "A", 1);
            case 21 -> new Unit(code, "A", 1e-3);
            case 22 -> new Unit(code, "A", 1e-6);
            case 24 -> new Unit(code, "A", 1e-12);
            case 26 -> new Unit(code, "V", 1e-3);
            case 27 -> new Unit(code, "V", 1e-6);
            case 28 -> new Unit(code, "V", 1e-9);
            case 29 -> new Unit(code, "V", 1e-12);
            case 30 -> new Unit(code, "N", 1);
            case 31 -> new Unit(code, "N", 1e-3);
            case 32 -> new Unit(code, "N", 1e-6);
            case 33 -> new Unit(code, "N", 1e-9);
            case 34 -> new Unit(code, "N", 1e-12);
            default -> new Unit(code, "", 1); // 3 = none, and the reserved codes
        };
    }

    private static final String[] ADC = { "Height", "DFL", "Lateral F", "Bias V", "Current", "FB-Out", "MAG",
            "MAG*Sin", "MAG*Cos", "RMS", "CalcMag", "Phase1", "Phase2", "CalcPhase", "Ex1", "Ex2", "HvX", "HvY",
            "Snap Back" };

    static String adcName(int adc) {
        return adc >= 0 && adc < ADC.length ? ADC[adc] : "channel " + adc;
    }

    static String adcQuantity(int adc) {
        return switch (adc) {
            case 0 -> "height";
            case 1 -> "deflection";
            case 2 -> "lateral force";
            case 3 -> "bias";
            case 4 -> "current";
            case 6, 10 -> "magnitude";
            case 11, 12, 13 -> "phase";
            default -> adcName(adc);
        };
    }

    private static String quantityOfUnit(String si) {
        return switch (si) {
            case "cm^-1" -> "Raman shift";
            case "V" -> "bias";
            case "m" -> "distance";
            case "s" -> "time";
            case "Hz" -> "frequency";
            default -> "x";
        };
    }

    private static String typeName(int type) {
        return switch (type) {
            case SCANNED -> "scanned";
            case SPECTROSCOPY -> "spectroscopy";
            case 3 -> "text";
            case 105 -> "old MDA";
            case 106 -> "MDA";
            case 107 -> "palette";
            case 190 -> "curves (new)";
            case CURVES -> "curves";
            default -> "type " + type;
        };
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
