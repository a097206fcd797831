package org.onset.batch.internal.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.onset.analysis.MapStatistics;
import org.onset.analysis.MapStatisticsService;
import org.onset.instrument.api.ChannelSpec;
import org.onset.map.api.AcquisitionSession;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * What {@code onset inspect} reports about a map file: layout, completeness, channels, topography,
 * attributes and the statistics of the demo's summary ({@link StatisticsJson}), as JSON; the
 * text form is printed from that JSON, so the two always agree.
 */
final class MapInspection {

    private MapInspection() {
    }

    static JsonObject of(MapFile reader, MapStatisticsService statistics) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("file", reader.file().toString());
        o.add("file_MB", StatisticsJson.number(Files.size(reader.file()) / 1e6));
        o.addProperty("complete", reader.isComplete());
        Grid l = reader.grid();
        o.addProperty("pixels_stored", reader.completedPixels().cardinality());
        o.addProperty("pixels_total", l.pixelCount());
        JsonObject layout = new JsonObject();
        layout.addProperty("nx", l.nx());
        layout.addProperty("ny", l.ny());
        layout.add("x0_nm", StatisticsJson.number(l.x0() * 1e9));
        layout.add("y0_nm", StatisticsJson.number(l.y0() * 1e9));
        layout.add("dx_nm", StatisticsJson.number(l.dx() * 1e9));
        layout.add("dy_nm", StatisticsJson.number(l.dy() * 1e9));
        o.add("layout", layout);
        JsonArray channels = new JsonArray();
        for (ChannelSpec c : reader.channels()) {
            JsonObject ch = new JsonObject();
            ch.addProperty("channel", c.channel().name());
            ch.addProperty("unit", c.channel().unit());
            ch.addProperty("min", c.min());
            ch.addProperty("max", c.max());
            ch.addProperty("resolution", c.resolution());
            channels.add(ch);
        }
        o.add("channels", channels);
        JsonArray topography = new JsonArray();
        reader.topographyNames().forEach(topography::add);
        o.add("topography", topography);
        JsonObject attributes = new JsonObject();
        reader.attributes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> attributes.addProperty(e.getKey(), e.getValue()));
        o.add("attributes", attributes);
        o.add("sessions", sessions(reader));
        MapStatistics s = statistics.summarize(reader);
        o.add("statistics", StatisticsJson.of(s));
        s.phaseMap().ifPresent(p -> {
            // where the regions of "by_phase" come from, beside the statistics (whose layout is summary.json's)
            JsonObject phases = new JsonObject();
            phases.addProperty("source", p.source());
            phases.addProperty("definition", p.definition());
            o.add("phase_map", phases);
        });
        return o;
    }

    /** The acquisition sessions, each with the number of pixels it measured. */
    private static JsonArray sessions(MapFile reader) throws IOException {
        int[] owner = reader.pixelSessions();
        JsonArray a = new JsonArray();
        for (AcquisitionSession s : reader.sessions()) {
            JsonObject o = new JsonObject();
            o.addProperty("index", s.index());
            o.addProperty("start", s.start().toString());
            o.addProperty("end", s.end() == null ? null : s.end().toString());
            o.addProperty("instrument_id", s.instrumentId());
            o.addProperty("instrument_settings", s.instrumentSettings());
            o.addProperty("software_version", s.softwareVersion());
            o.addProperty("note", s.note());
            o.addProperty("pixels", Arrays.stream(owner).filter(k -> k == s.index()).count());
            a.add(o);
        }
        return a;
    }

    static void print(JsonObject o, PrintStream out) {
        JsonObject l = o.getAsJsonObject("layout");
        out.printf(Locale.ROOT, "%-12s %s (%.1f MB)%n", "file", o.get("file").getAsString(), num(o, "file_MB"));
        out.printf(Locale.ROOT, "%-12s %s: %d of %d pixels stored%n", "state",
                o.get("complete").getAsBoolean() ? "complete" : "incomplete", o.get("pixels_stored").getAsInt(),
                o.get("pixels_total").getAsInt());
        out.printf(Locale.ROOT, "%-12s %d x %d pixels, step %.1f x %.1f nm, pixel (0, 0) at (%.1f, %.1f) nm%n", "grid",
                l.get("nx").getAsInt(), l.get("ny").getAsInt(), num(l, "dx_nm"), num(l, "dy_nm"), num(l, "x0_nm"),
                num(l, "y0_nm"));
        StringBuilder channels = new StringBuilder();
        for (JsonElement e : o.getAsJsonArray("channels")) {
            JsonObject c = e.getAsJsonObject();
            String unit = c.get("unit").getAsString();
            channels.append(channels.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                    "%s %.4g to %.4g %s, step %.4g %s", c.get("channel").getAsString(), num(c, "min"), num(c, "max"),
                    unit, num(c, "resolution"), unit));
        }
        out.printf("%-12s %s%n", "channels", channels.length() == 0 ? "-" : channels);
        List<String> topo = o.getAsJsonArray("topography").asList().stream().map(JsonElement::getAsString).toList();
        out.printf("%-12s %s%n", "topography", topo.isEmpty() ? "-" : String.join(", ", topo));
        out.println("attributes");
        for (var e : o.getAsJsonObject("attributes").entrySet()) {
            out.printf("  %-20s %s%n", e.getKey(), oneLine(e.getValue().getAsString()));
        }
        out.println("sessions     (each opening of the file for acquisition)");
        for (JsonElement e : o.getAsJsonArray("sessions")) {
            JsonObject s = e.getAsJsonObject();
            JsonElement end = s.get("end");
            out.printf(Locale.ROOT, "  %-3d %s to %s, instrument '%s', software %s, %d pixels%n", s.get("index").getAsInt(),
                    s.get("start").getAsString(), end == null || end.isJsonNull() ? "(not closed: still writing or killed)"
                            : end.getAsString(), s.get("instrument_id").getAsString(),
                    s.get("software_version").getAsString(), s.get("pixels").getAsLong());
            if (!s.get("note").getAsString().isEmpty()) {
                out.printf("      note: %s%n", s.get("note").getAsString());
            }
        }
        printStatistics(o.getAsJsonObject("statistics"), out);
    }

    private static void printStatistics(JsonObject s, PrintStream out) {
        out.println("statistics (as in the demo's summary.json)");
        int pixels = s.get("pixels").getAsInt();
        out.printf(Locale.ROOT, "  %-20s %s of %d pixels measured%n", "nucleated", percent(s, "nucleated_fraction"),
                pixels);
        JsonObject b = s.getAsJsonObject("onset_bias_V");
        out.printf(Locale.ROOT, "  %-20s median %s, p05 %s, p95 %s%n", "onset bias", volts(b, "median"), volts(b, "p05"),
                volts(b, "p95"));
        if (s.has("by_phase")) {
            for (var e : s.getAsJsonObject("by_phase").entrySet()) {
                JsonObject p = e.getValue().getAsJsonObject();
                out.printf(Locale.ROOT, "  %-20s %d pixels, %s nucleated, median onset %s%n", "region " + e.getKey(),
                        p.get("pixels").getAsInt(), percent(p, "nucleated_fraction"), volts(p, "median_onset_V"));
            }
        } else {
            out.printf("  %-20s %s%n", "regions", "unknown (no phase-map provider knows this map's regions)");
        }
        JsonObject over = s.getAsJsonObject("overshoot");
        out.printf(Locale.ROOT, "  %-20s current at end / current threshold, median %s; dZ at end - height threshold,"
                + " median %s%n", "overshoot", fmt(over, "current_ratio_median", "%.2fx"),
                fmt(over, "dz_excess_nm_median", "%.2f nm"));
        out.printf("  %-20s %d%n", "faults", s.get("faults").getAsInt());
    }

    /** JSON values on one line (the stored recipe is pretty printed). */
    private static String oneLine(String value) {
        if (value.startsWith("{") || value.startsWith("[")) {
            try {
                return JsonParser.parseString(value).toString();
            } catch (JsonParseException e) {
                // not JSON after all: shown as it is
            }
        }
        return value.replace("\n", " ");
    }

    private static double num(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    private static String fmt(JsonObject o, String key, String format) {
        double v = num(o, key);
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    private static String percent(JsonObject o, String key) {
        double v = num(o, key);
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private static String volts(JsonObject o, String key) {
        return fmt(o, key, "%.3f V");
    }
}
