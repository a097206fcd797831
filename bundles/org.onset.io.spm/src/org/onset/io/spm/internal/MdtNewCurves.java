package org.onset.io.spm.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.onset.io.api.ImportException;
import org.onset.io.support.Bytes;
import org.onset.io.support.Limits;

/**
 * The "new curves" frame of NT-MDT Nova (type 190): a small archive of named blocks. A u32 block count,
 * then per block a u32 name length and a u32 content length, then all names (UTF-8), then all
 * contents. The block {@code index.xml} describes the rest with empty XML elements: {@code Name}
 * (a signal: name, unit, bias, scale), {@code Axis} (count, start, stop, and the Name of its
 * quantity), {@code Data} (a block name, an offset in values, a count and a type, int32 unless
 * {@code float64}), {@code Meas} (one measured curve: its Name, its Data, its axis {@code axis0} and
 * {@code inverse0}, whose bit 0 says the values run from the axis's end) and {@code Point} (a
 * position x, y in a unit, {@code meas × exec} curves, and the block holding, at its offset,
 * {@code meas × exec} u32 Meas indices of the forward runs followed by as many of the backward runs).
 * Layout and meaning as in bundles/org.onset.io.spm/MDT.md.
 */
final class MdtNewCurves {

    /** One curve of a point: its place, its pass (0-based) and direction, and its values. */
    record Curve(int point, double xM, double yM, int pass, boolean backward, String xQuantity, String xUnit,
            double[] x, String yQuantity, String yUnit, double[] y) {
    }

    /** The frame read: its curves in file order (per point: pass 1 forward, pass 1 backward, …). */
    record Frame(String title, List<Curve> curves, int points, int passes) {
    }

    private static final Pattern ELEMENT = Pattern.compile("<(Name|Axis|Data|Meas|Point)\\s([^>]*?)/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z_][\\w.-]*)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern FRAME_NAME = Pattern.compile("<Param\\s[^>]*name=\"Name\"[^>]*value=\"([^\"]*)\"");

    private MdtNewCurves() {
    }

    /** Reads the frame whose 22-byte header starts at {@code start}. */
    static Frame read(Bytes b, int index, long start, long size) throws ImportException {
        String file = b.name();
        String where = "frame " + index + " (new curves)";
        long end = start + size;
        long p = start + MdtImporter.FRAME_HEADER;
        if (p + 4 > end) {
            throw new ImportException(file + ": " + where + " of " + size + " B has no block count");
        }
        long count = b.u32(p);
        p += 4;
        Limits.count(file, where + " block table", count, 8, end - p);
        long[] nameLen = new long[(int) count];
        long[] dataLen = new long[(int) count];
        for (int k = 0; k < count; k++) {
            nameLen[k] = b.u32(p);
            dataLen[k] = b.u32(p + 4);
            p += 8;
        }
        Map<String, long[]> blocks = new HashMap<>(); // name -> {offset, length}; the first of a name wins
        List<String> names = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (nameLen[k] > end - p) {
                throw new ImportException(file + ": " + where + " block " + k + " names " + nameLen[k]
                        + " B of name, " + (end - p) + " B are left in the frame");
            }
            names.add(new String(b.array(), (int) p, (int) nameLen[k], StandardCharsets.UTF_8));
            p += nameLen[k];
        }
        for (int k = 0; k < count; k++) {
            if (dataLen[k] > end - p) {
                throw new ImportException(file + ": " + where + " block '" + names.get(k) + "' claims " + dataLen[k]
                        + " B, " + (end - p) + " B are left in the frame");
            }
            blocks.putIfAbsent(names.get(k), new long[] { p, dataLen[k] });
            p += dataLen[k];
        }
        long[] index1 = blocks.get("index.xml");
        if (index1 == null) {
            throw new ImportException(file + ": " + where + " has no index.xml block describing its curves");
        }
        String xml = new String(b.array(), (int) index1[0], (int) index1[1], StandardCharsets.UTF_8);
        Map<String, List<Map<String, String>>> elements = new HashMap<>();
        Matcher m = ELEMENT.matcher(xml);
        while (m.find()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            Matcher a = ATTRIBUTE.matcher(m.group(2));
            while (a.find()) {
                attrs.put(a.group(1), unescape(a.group(2)));
            }
            elements.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(attrs);
        }
        List<Map<String, String>> signals = indexed(file, where, "Name", elements);
        List<Map<String, String>> axes = indexed(file, where, "Axis", elements);
        List<Map<String, String>> data = indexed(file, where, "Data", elements);
        List<Map<String, String>> meas = indexed(file, where, "Meas", elements);
        List<Map<String, String>> points = indexed(file, where, "Point", elements);
        if (points.isEmpty()) {
            throw new ImportException(file + ": " + where + " lists no points in its index.xml");
        }
        List<Curve> curves = new ArrayList<>();
        int passes = 0;
        long[] total = { 0 }; // values read so far: curves may not reuse data beyond what the frame holds
        for (int pt = 0; pt < points.size(); pt++) {
            Map<String, String> point = points.get(pt);
            String what = where + " point " + pt;
            long perPoint = (long) integer(file, what, point, "meas") * integer(file, what, point, "exec");
            if (perPoint < 0 || perPoint > 1 << 20) {
                throw new ImportException(file + ": " + what + " claims " + perPoint + " curves");
            }
            passes = Math.max(passes, (int) perPoint);
            long[] block = block(file, what, blocks, point.get("name"));
            long offset = integer(file, what, point, "offset");
            if (offset < 0 || offset > block[1] || perPoint * 8 > block[1] - offset) {
                throw new ImportException(file + ": " + what + " needs " + perPoint * 8 + " B of curve indices at "
                        + offset + " in its block of " + block[1] + " B");
            }
            Unit xy = unit(point.getOrDefault("unit", ""));
            double px = number(file, what, point, "x") * xy.factor();
            double py = number(file, what, point, "y") * xy.factor();
            for (int e = 0; e < perPoint; e++) {
                for (int fb = 0; fb < 2; fb++) {
                    long mi = b.u32(block[0] + offset + 4L * (fb * perPoint + e));
                    if (mi >= meas.size()) {
                        continue; // no curve in this direction (e.g. the backward run was off)
                    }
                    curves.add(curve(b, file, what + (fb == 0 ? " forward " : " backward ") + (e + 1), pt, px, py, e,
                            fb == 1, meas.get((int) mi), signals, axes, data, blocks));
                    total[0] += curves.get(curves.size() - 1).y().length;
                    if (total[0] > size / 2) {
                        throw new ImportException(file + ": " + where + " reads " + total[0]
                                + " values from a frame of " + size + " B: its curves reuse the same data");
                    }
                }
            }
        }
        if (curves.isEmpty()) {
            throw new ImportException(file + ": " + where + " has points but no curves");
        }
        Matcher t = FRAME_NAME.matcher(xml);
        return new Frame(t.find() ? unescape(t.group(1)) : "", curves, points.size(), passes);
    }

    private static Curve curve(Bytes b, String file, String what, int point, double px, double py, int pass,
            boolean backward, Map<String, String> meas, List<Map<String, String>> signals,
            List<Map<String, String>> axes, List<Map<String, String>> data, Map<String, long[]> blocks)
            throws ImportException {
        Map<String, String> signal = element(file, what, signals, meas, "name", "Name");
        Map<String, String> axis = element(file, what, axes, meas, "axis0", "Axis");
        Map<String, String> values = element(file, what, data, meas, "data", "Data");
        Map<String, String> axisSignal = element(file, what, signals, axis, "name", "Name");
        int n = integer(file, what, values, "count");
        boolean doubles = "float64".equals(values.get("type"));
        int bytes = doubles ? 8 : 4;
        long[] block = block(file, what, blocks, values.get("name"));
        long offset = (long) integer(file, what, values, "offset") * bytes;
        if (offset < 0 || offset > block[1]) {
            throw new ImportException(file + ": " + what + " data offset " + offset + " B lies outside its block of "
                    + block[1] + " B");
        }
        Limits.count(file, what + " values", n, bytes, block[1] - offset);
        if (n < 1) {
            throw new ImportException(file + ": " + what + " has " + n + " values");
        }
        Unit yu = unit(signal.getOrDefault("unit", ""));
        double scale = doubles ? 1 : number(file, what, signal, "scale");
        double bias = doubles ? 0 : number(file, what, signal, "bias");
        boolean inverted = (integer(file, what, meas, "inverse0") & 1) != 0;
        double[] y = new double[n];
        long at = block[0] + offset;
        for (int i = 0; i < n; i++) {
            double raw = doubles ? b.f64(at + 8L * i) : b.i32(at + 4L * i);
            y[inverted ? n - 1 - i : i] = (bias + scale * raw) * yu.factor();
        }
        Unit xu = unit(axisSignal.getOrDefault("unit", ""));
        double a = number(file, what, axis, "start");
        double z = number(file, what, axis, "stop");
        double lo = Math.min(a, z) * xu.factor();
        double hi = Math.max(a, z) * xu.factor();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
        }
        String yName = signal.getOrDefault("name", "");
        return new Curve(point, px, py, pass, backward, quantity(xu.si(), axisSignal.getOrDefault("name", "x")),
                xu.si(), x, quantity(yu.si(), yName), yu.si(), y);
    }

    /** The elements of one kind, placed by their {@code index} attribute (file order when absent). */
    private static List<Map<String, String>> indexed(String file, String where, String kind,
            Map<String, List<Map<String, String>>> elements) throws ImportException {
        List<Map<String, String>> all = elements.getOrDefault(kind, List.of());
        List<Map<String, String>> placed = new ArrayList<>(all.size());
        for (int k = 0; k < all.size(); k++) {
            placed.add(null);
        }
        for (int k = 0; k < all.size(); k++) {
            Map<String, String> e = all.get(k);
            int i = e.containsKey("index") ? integer(file, where + " " + kind + " " + k, e, "index") : k;
            if (i < 0 || i >= all.size() || placed.get(i) != null) {
                throw new ImportException(file + ": " + where + " index.xml has " + kind + " index " + i + " among "
                        + all.size());
            }
            placed.set(i, e);
        }
        return placed;
    }

    private static Map<String, String> element(String file, String what, List<Map<String, String>> list,
            Map<String, String> from, String key, String kind) throws ImportException {
        int i = integer(file, what, from, key);
        if (i < 0 || i >= list.size()) {
            throw new ImportException(file + ": " + what + " refers to " + kind + " " + i + " of " + list.size());
        }
        return list.get(i);
    }

    private static long[] block(String file, String what, Map<String, long[]> blocks, String name)
            throws ImportException {
        long[] block = name == null ? null : blocks.get(name);
        if (block == null) {
            throw new ImportException(file + ": " + what + " refers to block '" + name + "', which the frame lacks");
        }
        return block;
    }

    private static int integer(String file, String what, Map<String, String> e, String key) throws ImportException {
        String v = e.get(key);
        try {
            return Integer.parseInt(v == null ? "" : v.strip());
        } catch (NumberFormatException ex) {
            throw new ImportException(file + ": " + what + " has " + key + "=\"" + v + "\", not an integer");
        }
    }

    private static double number(String file, String what, Map<String, String> e, String key)
            throws ImportException {
        String v = e.get(key);
        try {
            // Nova writes a point; some locales a comma
            return Limits.finite(file, what + " " + key, Double.parseDouble(v == null ? "" : v.strip().replace(',', '.')));
        } catch (NumberFormatException ex) {
            throw new ImportException(file + ": " + what + " has " + key + "=\"" + v + "\", not a number");
        }
    }

    /** Unit text to SI: the same prefixes as the MDA calibrations. */
    private static Unit unit(String text) {
        MdtImporter.Unit u = MdtImporter.parseUnit(text.strip());
        return new Unit(u.si(), u.factor());
    }

    private record Unit(String si, double factor) {
    }

    private static String quantity(String si, String name) {
        return switch (si) {
            case "A" -> "current";
            case "V" -> "bias";
            case "m" -> name.equalsIgnoreCase("height") || name.startsWith("Z") ? "height" : "distance";
            case "N" -> "force";
            case "s" -> "time";
            case "Hz" -> "frequency";
            default -> name.isBlank() ? "value" : name;
        };
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
