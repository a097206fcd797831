package org.onset.batch.internal.sweep;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.onset.batch.internal.png.MapPicture;
import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.Grid;
import org.onset.map.api.MapAttributes;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.sweep.api.RecipeCodec;

import com.google.gson.JsonObject;

/** The demo's outputs per experiment: PNG maps, the summary.json entry and a table for the terminal. */
final class DemoReport {

    private DemoReport() {
    }

    /**
     * Writes the PNG maps of one experiment and returns its summary.json entry, both from its map
     * file alone.
     *
     * @param name  file name stem, e.g. "current_control"
     * @param title start of every picture's title
     * @param wall  seconds from the demo's start to this map's end
     */
    static JsonObject experiment(String name, String title, Path file, MapReaderService maps, RecipeCodec codec,
            PhaseClassifier.Cache phases, Path dir, double wall) throws IOException {
        ExperimentSummary s;
        Map<String, String> attributes;
        JsonObject images = new JsonObject();
        try (MapFile reader = maps.open(file)) {
            attributes = reader.attributes();
            s = ExperimentSummary.read(reader, codec, phases);
            Grid l = s.layout();
            picture(dir, name, "onset_bias", title + ": onset bias", l, s.onset, 1, "onset bias", "V", images);
            picture(dir, name, "current_at_end", title + ": current at end of ramp", l, s.currentAtEnd, 1e12,
                    "current", "pA", images);
            picture(dir, name, "height_change", title + ": height change dZ", l, s.heightChange, 1e9, "dZ", "nm",
                    images);
            Path rule = dir.resolve(name + "_rule.png");
            new MapPicture(title + ": rule that ended the ramp", l, s.ruleCode).writeCategorical(rule,
                    ExperimentSummary.RULE_LABELS,
                            List.of(new Color(0xBDBDBD), new Color(0x31688E), new Color(0x35B779), new Color(0xD62728)));
            images.addProperty("rule", rule.getFileName().toString());
            for (String when : List.of("before", "after")) {
                Optional<TopographyImage> topo = reader.topography(when);
                if (topo.isPresent()) {
                    TopographyImage t = topo.get();
                    double[] nm = new double[t.height().length];
                    double[] sorted = Stats.finiteSorted(t.height());
                    double ref = Stats.median(sorted);
                    for (int k = 0; k < nm.length; k++) {
                        nm[k] = (t.height()[k] - ref) * 1e9;
                    }
                    Path f = dir.resolve(name + "_topography_" + when + ".png");
                    new MapPicture(title + ": topography " + when + " the map", Grid.of(t), nm)
                            .writeContinuous(f, "height", "nm");
                    images.addProperty("topography_" + when, f.getFileName().toString());
                }
            }
        }
        JsonObject o = new JsonObject();
        o.addProperty("file", file.getFileName().toString());
        o.addProperty("instrument_id", attributes.getOrDefault(MapAttributes.INSTRUMENT_ID, ""));
        o.addProperty("cutoff", attributes.getOrDefault(MapAttributes.CUTOFF_RULE, ""));
        for (var e : s.toJson().entrySet()) {
            o.add(e.getKey(), e.getValue());
        }
        o.add("wall_s", ExperimentSummary.number(wall));
        o.add("images", images);
        return o;
    }

    private static void picture(Path dir, String experiment, String what, String title, Grid l, double[] values,
            double scale, String quantity, String unit, JsonObject images) throws IOException {
        double[] scaled = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            scaled[k] = values[k] * scale;
        }
        Path f = dir.resolve(experiment + "_" + what + ".png");
        new MapPicture(title, l, scaled).writeContinuous(f, quantity, unit);
        images.addProperty(what, f.getFileName().toString());
    }

    static void printTable(PrintStream out, JsonObject experiments, Path dir, double wall) {
        out.printf(Locale.ROOT, "%-16s %7s %10s %22s %14s %14s %8s%n", "experiment", "pixels", "nucleated",
                "onset median [p05,p95]", "I_end/I_cut", "dZ excess", "wall");
        for (var e : experiments.entrySet()) {
            JsonObject x = e.getValue().getAsJsonObject();
            JsonObject b = x.getAsJsonObject("onset_bias_V");
            JsonObject o = x.getAsJsonObject("overshoot");
            out.printf(Locale.ROOT, "%-16s %7d %9.1f%% %22s %14s %14s %7.1fs%n", e.getKey(), x.get("pixels").getAsInt(),
                    100 * orNaN(x, "nucleated_fraction"),
                    String.format(Locale.ROOT, "%.2f V [%.2f, %.2f]", orNaN(b, "median"), orNaN(b, "p05"),
                            orNaN(b, "p95")),
                    fmt(orNaN(o, "current_ratio_median"), "x"), fmt(orNaN(o, "dz_excess_nm_median"), " nm"),
                    orNaN(x, "wall_s"));
        }
        out.printf(Locale.ROOT, "summary: %s (total %.1f s)%n", dir.resolve("summary.json"), wall);
    }

    private static double orNaN(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsDouble() : Double.NaN;
    }

    private static String fmt(double v, String unit) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%s", v, unit);
    }
}
