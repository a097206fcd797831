package org.onset.batch.internal.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.onset.analysis.MapStatistics;
import org.onset.analysis.MapStatisticsService;
import org.onset.analysis.Percentiles;
import org.onset.analysis.PhaseMap;
import org.onset.analysis.PixelOutcome;
import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.Grid;
import org.onset.map.api.MapAttributes;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.plot.Axis;
import org.onset.plot.Category;
import org.onset.plot.ColorLimits;
import org.onset.plot.MapFigure;

import com.google.gson.JsonObject;

/** The demo's outputs per experiment: PNG and SVG maps, the summary.json entry and a table for the terminal. */
final class DemoReport {

    private DemoReport() {
    }

    /**
     * Writes the maps of one experiment (each as PNG and as SVG of the same name) and returns its summary.json entry, both from its map
     * file alone.
     *
     * @param name  file name stem, e.g. "current_control"
     * @param title start of every picture's title
     * @param wall  seconds from the demo's start to this map's end
     */
    static Experiment experiment(String name, String title, Path file, MapReaderService maps,
            MapStatisticsService statistics, Path dir, double wall) throws IOException {
        MapStatistics s;
        Map<String, String> attributes;
        JsonObject images = new JsonObject();
        try (MapFile reader = maps.open(file)) {
            attributes = reader.attributes();
            s = statistics.summarize(reader);
            Grid l = s.grid();
            picture(dir, name, "onset_bias", title + ": onset bias", l, reader.onsetBias(), Axis.of("onset bias", "V"),
                    images);
            picture(dir, name, "current_at_end", title + ": current at end of ramp", l, reader.currentAtEnd(),
                    Axis.of("current", "A"), images);
            picture(dir, name, "height_change", title + ": height change dZ", l, reader.heightChangeAtEnd(),
                    Axis.of("dZ", "m"), images);
            Path rule = dir.resolve(name + "_rule.png");
            List<Category> rules = new ArrayList<>();
            for (int k = 0; k < RULE_MAP.size(); k++) {
                rules.add(new Category(RULE_MAP.get(k).label(), RULE_COLOURS[k]));
            }
            write(figure(title + ": rule that ended the ramp", l.nx(), l.ny(), l.x0(), l.y0(), l.dx(), l.dy(),
                    ruleCodes(s.outcomes())).categories(rules), rule);
            images.addProperty("rule", rule.getFileName().toString());
            for (String when : List.of("before", "after")) {
                Optional<TopographyImage> topo = reader.topography(when);
                if (topo.isPresent()) {
                    TopographyImage t = topo.get();
                    double[] relative = new double[t.height().length];
                    double ref = Percentiles.median(Percentiles.finiteSorted(t.height()));
                    for (int k = 0; k < relative.length; k++) {
                        relative[k] = t.height()[k] - ref;
                    }
                    Path f = dir.resolve(name + "_topography_" + when + ".png");
                    write(figure(title + ": topography " + when + " the map", t.nx(), t.ny(), t.x0(), t.y0(), t.dx(),
                            t.dy(), relative).values(Axis.of("height", "m")).limits(OUTLIERS_CLIPPED), f);
                    images.addProperty("topography_" + when, f.getFileName().toString());
                }
            }
        }
        JsonObject o = new JsonObject();
        o.addProperty("file", file.getFileName().toString());
        o.addProperty("instrument_id", attributes.getOrDefault(MapAttributes.INSTRUMENT_ID, ""));
        o.addProperty("cutoff", attributes.getOrDefault(MapAttributes.CUTOFF_RULE, ""));
        for (var e : StatisticsJson.of(s).entrySet()) {
            o.add(e.getKey(), e.getValue());
        }
        o.add("wall_s", StatisticsJson.number(wall));
        o.add("images", images);
        return new Experiment(o, s.phaseMap());
    }

    /** One experiment's summary.json entry and the regions its statistics used (if any). */
    record Experiment(JsonObject json, Optional<PhaseMap> phases) {
    }

    /** The categories of the "rule fired" map, in code order 0, 1, 2, 3; not measured is −1 (no colour). */
    static final List<PixelOutcome> RULE_MAP = List.of(PixelOutcome.COMPLETED, PixelOutcome.CURRENT_RULE,
            PixelOutcome.HEIGHT_RULE, PixelOutcome.FAULT);
    private static final int[] RULE_COLOURS = { 0xBDBDBD, 0x31688E, 0x35B779, 0xD62728 };

    static double[] ruleCodes(PixelOutcome[] outcomes) {
        double[] codes = new double[outcomes.length];
        for (int k = 0; k < codes.length; k++) {
            codes[k] = RULE_MAP.indexOf(outcomes[k]);
        }
        return codes;
    }

    /** Colour bars span the 0.5th to 99.5th percentile: a few outliers take the end colours. */
    private static final ColorLimits OUTLIERS_CLIPPED = ColorLimits.percentiles(0.5, 99.5);

    private static void picture(Path dir, String experiment, String what, String title, Grid l, double[] values,
            Axis quantity, JsonObject images) throws IOException {
        Path f = dir.resolve(experiment + "_" + what + ".png");
        write(figure(title, l.nx(), l.ny(), l.x0(), l.y0(), l.dx(), l.dy(), values).values(quantity)
                .limits(OUTLIERS_CLIPPED), f);
        images.addProperty(what, f.getFileName().toString());
    }

    /** A map figure from pixel centres (x0, y0) and spacing, in m; axes in nm as on the instrument. */
    private static MapFigure figure(String title, int nx, int ny, double x0, double y0, double dx, double dy,
            double[] values) {
        double left = x0 - dx / 2;
        double bottom = y0 - dy / 2;
        return new MapFigure(nx, ny, values, left, left + nx * dx, bottom, bottom + ny * dy).title(title)
                .axes(Axis.of("x", "m", -9), Axis.of("y", "m", -9));
    }

    /** The PNG, and the same figure as SVG beside it. */
    private static void write(MapFigure figure, Path png) throws IOException {
        figure.writePng(png);
        String name = png.getFileName().toString();
        figure.writeSvg(png.resolveSibling(name.substring(0, name.length() - ".png".length()) + ".svg"));
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
