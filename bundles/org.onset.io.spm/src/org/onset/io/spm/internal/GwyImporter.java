package org.onset.io.spm.internal;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.onset.io.api.Channel;
import org.onset.io.api.ContentProbe;
import org.onset.io.api.Image;
import org.onset.io.api.ImportException;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.Imported;
import org.onset.io.api.Importer;
import org.onset.io.api.Match;
import org.onset.io.api.Metadata;
import org.onset.io.support.Bytes;
import org.onset.io.support.Cancel;
import org.onset.io.support.Limits;
import org.osgi.service.component.annotations.Component;

/**
 * Gwyddion native .gwy ("GWYP"): a serialized GwyContainer of typed items. Every {@code /N/data}
 * GwyDataField becomes a channel (whatever N is: files start at /3/ as often as at /0/); the
 * channels sharing the first channel's grid form the image.
 */
@Component(service = Importer.class)
public final class GwyImporter implements Importer {

    static final String FORMAT = "Gwyddion GWY";
    private static final Pattern CHANNEL = Pattern.compile("^/(\\d+)/data$");
    private static final int MAX_DEPTH = 32;

    @Override
    public String id() {
        return "gwyddion-gwy";
    }

    @Override
    public String formatName() {
        return FORMAT + " (.gwy)";
    }

    @Override
    public List<String> extensions() {
        return List.of("gwy");
    }

    @Override
    public Match match(ContentProbe probe) {
        return probe.startsWith("GWYP") ? Match.content("magic 'GWYP'") : Match.none();
    }

    /** A deserialized object: its type name and its items. */
    record GwyObject(String type, Map<String, Object> items) {
    }

    private static final class Parser {
        final Bytes b;
        int at;

        Parser(Bytes b, int at) {
            this.b = b;
            this.at = at;
        }

        String cstring(String what) throws ImportException {
            int end = b.nul(at, what);
            String s = new String(b.array(), at, end - at, java.nio.charset.StandardCharsets.UTF_8);
            at = end + 1;
            return s;
        }

        GwyObject object(int depth) throws ImportException {
            if (depth > MAX_DEPTH) {
                throw new ImportException(b.name() + ": objects nested deeper than " + MAX_DEPTH);
            }
            String type = cstring("an object name");
            long size = b.u32(at);
            at += 4;
            long end = at + size;
            if (end > b.length()) {
                throw new ImportException(b.name() + ": object '" + type + "' claims " + size
                        + " B beyond the end of the file");
            }
            Map<String, Object> items = new LinkedHashMap<>();
            while (at < end) {
                String key = cstring("an item name");
                int t = b.u8(at++);
                items.put(key, value((char) t, key, depth));
            }
            if (at != end) {
                throw new ImportException(b.name() + ": object '" + type + "' items overrun its size");
            }
            return new GwyObject(type, items);
        }

        Object value(char t, String key, int depth) throws ImportException {
            switch (t) {
                case 'b', 'c' -> {
                    return b.u8(at++);
                }
                case 'i' -> {
                    int v = b.i32(at);
                    at += 4;
                    return v;
                }
                case 'q' -> {
                    long v = b.i64(at);
                    at += 8;
                    return v;
                }
                case 'd' -> {
                    double v = b.f64(at);
                    at += 8;
                    return v;
                }
                case 's' -> {
                    return cstring("string item '" + key + "'");
                }
                case 'o' -> {
                    return object(depth + 1);
                }
                case 'C', 'I', 'Q', 'D', 'S', 'O' -> {
                    long count = b.u32(at);
                    at += 4;
                    int width = switch (t) {
                        case 'C' -> 1;
                        case 'I' -> 4;
                        case 'Q', 'D' -> 8;
                        default -> 1;
                    };
                    int n = Limits.count(b.name(), "array '" + key + "'", count, width, b.length() - at);
                    if (t == 'D') {
                        double[] d = new double[n];
                        b.need(at, 8L * n, "array '" + key + "'");
                        java.nio.ByteBuffer.wrap(b.array(), at, 8 * n).order(ByteOrder.LITTLE_ENDIAN)
                                .asDoubleBuffer().get(d);
                        at += 8 * n;
                        return d;
                    }
                    if (t == 'S' || t == 'O') {
                        List<Object> list = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            list.add(t == 'S' ? cstring("string array '" + key + "'") : object(depth + 1));
                        }
                        return list;
                    }
                    b.need(at, (long) width * n, "array '" + key + "'");
                    at += width * n;
                    return null; // integer arrays are not needed for images
                }
                default -> throw new ImportException(b.name() + ": item '" + key + "' has unknown type '" + t + "'");
            }
        }
    }

    @Override
    public Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        Bytes b = Bytes.read(file, ByteOrder.LITTLE_ENDIAN);
        String name = b.name();
        if (b.length() < 4 || !b.text(0, 4).equals("GWYP")) {
            throw new ImportException(name + ": no 'GWYP' magic: not a Gwyddion file");
        }
        GwyObject root = new Parser(b, 4).object(0);
        Cancel.check(monitor, name, 0.8);
        Map<Integer, GwyObject> fields = new TreeMap<>();
        for (var e : root.items().entrySet()) {
            Matcher mm = CHANNEL.matcher(e.getKey());
            if (mm.matches() && e.getValue() instanceof GwyObject o && o.type().equals("GwyDataField")) {
                fields.put(Integer.parseInt(mm.group(1)), o);
            }
        }
        if (fields.isEmpty()) {
            throw new ImportException(name + ": the container holds no /N/data image channel");
        }
        List<Channel> channels = new ArrayList<>();
        int nx = 0;
        int ny = 0;
        double xreal = 0;
        double yreal = 0;
        double xoff = 0;
        double yoff = 0;
        Metadata.Builder m = new Metadata.Builder();
        for (var e : fields.entrySet()) {
            Map<String, Object> f = e.getValue().items();
            int fx = intItem(name, f, "xres");
            int fy = intItem(name, f, "yres");
            if (!(f.get("data") instanceof double[] data) || (long) fx * fy != data.length) {
                throw new ImportException(name + ": channel /" + e.getKey() + "/data: xres × yres = " + fx + " × " + fy
                        + " does not match its data");
            }
            if (channels.isEmpty()) {
                nx = fx;
                ny = fy;
                xreal = doubleItem(f, "xreal", fx);
                yreal = doubleItem(f, "yreal", fy);
                xoff = doubleItem(f, "xoff", 0);
                yoff = doubleItem(f, "yoff", 0);
                m.text("si_unit_xy", unit(f.get("si_unit_xy")));
            } else if (fx != nx || fy != ny) {
                m.text("skipped_channel_" + e.getKey(), "grid " + fx + " × " + fy + " differs from the first");
                continue;
            }
            Object title = root.items().get("/" + e.getKey() + "/data/title");
            String channelName = title instanceof String s ? s : "/" + e.getKey() + "/data";
            String zUnit = unit(f.get("si_unit_z"));
            channels.add(new Channel(channelName, zUnit.equals("m") ? "height" : "z", zUnit, data));
            m.text("channel_" + channels.size() + "_key", "/" + e.getKey() + "/data");
        }
        if (!(xreal > 0) || !(yreal > 0) || !Double.isFinite(xreal) || !Double.isFinite(yreal)) {
            throw new ImportException(name + ": physical size " + xreal + " × " + yreal + " is not positive");
        }
        m.text(Metadata.TITLE, channels.get(0).name());
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "", new Image(nx, ny, xreal, yreal, xoff, yoff, channels),
                m.build());
    }

    private static String unit(Object o) {
        if (o instanceof GwyObject u && u.items().get("unitstr") instanceof String s) {
            return s;
        }
        return "";
    }

    private static int intItem(String file, Map<String, Object> f, String key) throws ImportException {
        if (f.get(key) instanceof Integer i && i > 0) {
            return i;
        }
        throw new ImportException(file + ": data field has no positive '" + key + "'");
    }

    private static double doubleItem(Map<String, Object> f, String key, double fallback) {
        return f.get(key) instanceof Double d ? d : fallback;
    }
}
