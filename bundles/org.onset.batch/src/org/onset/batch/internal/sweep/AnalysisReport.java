package org.onset.batch.internal.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.particles.DetectedParticle;
import org.onset.analysis.particles.Transference;
import org.onset.analysis.phases.OnsetByDistance;
import org.onset.analysis.report.MapAnalysis;
import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.Grid;
import org.onset.plot.Axis;
import org.onset.plot.Category;
import org.onset.plot.ColorLimits;
import org.onset.plot.ColorMap;
import org.onset.plot.Figure;
import org.onset.plot.MapFigure;
import org.onset.plot.Series;
import org.onset.plot.XYFigure;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** analysis.json, the CSV tables and the figures of {@code onset analyze}. */
final class AnalysisReport {

    private AnalysisReport() {
    }

    static JsonObject json(Path file, MapAnalysis a) {
        JsonObject o = new JsonObject();
        o.addProperty("file", file.toString());
        Grid g = a.grid();
        o.addProperty("grid", g.nx() + " x " + g.ny());
        o.addProperty("pixels_stored", a.storedPixels());
        o.addProperty("complete", a.complete());
        JsonArray notes = new JsonArray();
        a.notes().forEach(notes::add);
        o.add("notes", notes);
        if (a.difference() != null) {
            JsonObject t = new JsonObject();
            t.add("shift_x_nm", num(a.difference().shift().xMetres() * 1e9));
            t.add("shift_y_nm", num(a.difference().shift().yMetres() * 1e9));
            t.add("correlation", num(a.difference().shift().correlation()));
            t.add("swelling_median_nm", num(a.swellingMedian() * 1e9));
            o.add("topography", t);
        } else {
            o.add("topography", JsonNull.INSTANCE);
        }
        if (a.particles() != null) {
            JsonObject p = new JsonObject();
            p.addProperty("count", a.particles().particles().size());
            p.add("threshold_nm", num((a.particles().threshold() - a.particles().background()) * 1e9));
            p.add("noise_nm", num(a.particles().noise() * 1e9));
            double[] v = a.particles().particles().stream().mapToDouble(DetectedParticle::volume).sorted().toArray();
            p.add("volume_median_nm3", num(v.length == 0 ? Double.NaN : v[v.length / 2] * 1e27));
            p.addProperty("volume", "as recorded: the tip-dilated image");
            if (a.tip().applied()) {
                double[] c = Arrays.stream(a.tip().volumes()).sorted().toArray();
                p.add("volume_tip_corrected_median_nm3", num(c.length == 0 ? Double.NaN : c[c.length / 2] * 1e27));
            }
            p.addProperty("table", "particles.csv");
            o.add("particles", p);
        } else {
            o.add("particles", JsonNull.INSTANCE);
        }
        JsonObject tip = new JsonObject();
        tip.add("radius_nm", num(a.tip().radius() * 1e9));
        tip.addProperty("source", a.tip().source());
        tip.addProperty("applied", a.tip().applied());
        tip.addProperty("method", "grey-scale erosion of the before and after images by a sphere of that radius "
                + "(certainty-free reconstruction, Villarrubia 1997); each particle's volume measured again over its "
                + "points in the eroded difference");
        o.add("tip_correction", tip);
        if (a.fit() != null) {
            JsonObject t = new JsonObject();
            t.add("slope_li_per_electron", num(a.fit().slope()));
            t.add("ci95_low", num(a.fit().low()));
            t.add("ci95_high", num(a.fit().high()));
            t.addProperty("particles", a.fit().points());
            t.addProperty("volumes", a.tip().applied() ? String.format(Locale.ROOT, "tip-corrected, %.3g nm tip",
                    a.tip().radius() * 1e9) : "as recorded (no tip correction)");
            if (a.tip().uncorrectedFit() != null) {
                JsonObject u = new JsonObject();
                u.add("slope_li_per_electron", num(a.tip().uncorrectedFit().slope()));
                u.add("ci95_low", num(a.tip().uncorrectedFit().low()));
                u.add("ci95_high", num(a.tip().uncorrectedFit().high()));
                t.add("uncorrected", u);
            }
            t.addProperty("table", "transference.csv");
            o.add("transference", t);
        } else {
            o.add("transference", JsonNull.INSTANCE);
        }
        if (a.phases() != null) {
            JsonObject ph = new JsonObject();
            ph.addProperty("source", a.phaseSource());
            ph.addProperty("definition", a.phases().definition());
            JsonObject regions = new JsonObject();
            for (Map.Entry<String, MapAnalysis.Region> e : a.byRegion().entrySet()) {
                JsonObject r = new JsonObject();
                r.addProperty("pixels", e.getValue().pixels());
                r.add("nucleated_fraction", num(e.getValue().nucleatedFraction()));
                r.add("median_onset_V", num(e.getValue().medianOnset()));
                regions.add(e.getKey(), r);
            }
            ph.add("by_region", regions);
            if (a.boundaryVsMatrix() != null) {
                JsonObject t = new JsonObject();
                t.add("u", num(a.boundaryVsMatrix().u()));
                t.add("z", num(a.boundaryVsMatrix().z()));
                t.add("p_two_sided", num(a.boundaryVsMatrix().p()));
                t.addProperty("boundary_pixels", a.boundaryVsMatrix().na());
                t.addProperty("matrix_pixels", a.boundaryVsMatrix().nb());
                ph.add("mann_whitney_boundary_vs_matrix", t);
            } else {
                ph.add("mann_whitney_boundary_vs_matrix", JsonNull.INSTANCE);
            }
            ph.add("agreement_with_ground_truth", num(a.groundTruthAgreement()));
            ph.addProperty("ground_truth", a.groundTruthSource());
            ph.addProperty("onset_by_distance", "onset_by_distance.csv");
            o.add("phases", ph);
        } else {
            o.add("phases", JsonNull.INSTANCE);
        }
        return o;
    }

    private static com.google.gson.JsonElement num(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    static void write(Path dir, MapAnalysis a, JsonObject report) throws IOException {
        Grid g = a.grid();
        JsonArray figures = new JsonArray();
        if (a.difference() != null) {
            TopographyImage d = a.difference().image();
            write(map("after − before (registered)", d.nx(), d.ny(), d.x0(), d.y0(), d.dx(), d.dy(), d.height())
                    .values(Axis.of("height change", "m")).limits(ColorLimits.percentiles2to98()), dir, "difference",
                    figures);
        }
        if (a.particles() != null) {
            StringBuilder csv = new StringBuilder("label,x_nm,y_nm,volume_nm3,height_nm,equivalent_radius_nm,"
                    + "baseline_nm,pixels,ramps,volume_tip_corrected_nm3\n");
            for (DetectedParticle p : a.particles().particles()) {
                int[] ramps = a.particleRamps().get(p.label() - 1);
                StringBuilder r = new StringBuilder();
                for (int k : ramps) {
                    r.append(r.length() == 0 ? "" : ";").append(g.i(k)).append(':').append(g.j(k));
                }
                double corrected = a.tip().volume(p.label());
                csv.append(String.format(Locale.ROOT, "%d,%.2f,%.2f,%.6g,%.3f,%.2f,%.3f,%d,%s,%s%n", p.label(),
                        p.x() * 1e9, p.y() * 1e9, p.volume() * 1e27, p.height() * 1e9, p.equivalentRadius() * 1e9,
                        p.baseline() * 1e9, p.pixels(), r,
                        Double.isFinite(corrected) ? String.format(Locale.ROOT, "%.6g", corrected * 1e27) : ""));
            }
            Files.writeString(dir.resolve("particles.csv"), csv);
            TopographyImage d = a.particles().image();
            double[] labelled = new double[d.height().length];
            for (int k = 0; k < labelled.length; k++) {
                labelled[k] = a.particles().labels()[k] > 0 ? d.height()[k] : Double.NaN;
            }
            write(map("particles (height change on the particles found)", d.nx(), d.ny(), d.x0(), d.y0(), d.dx(),
                    d.dy(), labelled).values(Axis.of("height change", "m")), dir, "particles", figures);
            double[] lv = a.particles().particles().stream().mapToDouble(p -> Math.log10(p.volume() * 1e27))
                    .filter(Double::isFinite).toArray();
            double[] lc = a.tip().applied() ? a.particles().particles().stream()
                    .mapToDouble(p -> Math.log10(a.tip().volume(p.label()) * 1e27)).filter(Double::isFinite).toArray()
                    : new double[0];
            if (lv.length > 0) {
                write(histogram(lv, lc, a.tip().radius()), dir, "volume_histogram", figures);
            }
        }
        // li_atoms from the volumes the slope uses (tip-corrected when there is a correction); the uncorrected beside
        StringBuilder t = new StringBuilder("label,pixel,li_atoms,electrons,li_atoms_uncorrected\n");
        List<Transference.Point> raw = a.tip().applied() ? a.tip().uncorrected() : a.transference();
        for (int k = 0; k < a.transference().size(); k++) {
            Transference.Point p = a.transference().get(k);
            t.append(String.format(Locale.ROOT, "%d,%d:%d,%.6g,%.6g,%.6g%n", p.label(), g.i(p.ramps()[0]),
                    g.j(p.ramps()[0]), p.atoms(), p.electrons(), raw.get(k).atoms()));
        }
        if (a.particles() != null) {
            Files.writeString(dir.resolve("transference.csv"), t);
        }
        if (a.fit() != null) {
            double[] x = a.transference().stream().mapToDouble(Transference.Point::electrons).toArray();
            double[] y = a.transference().stream().mapToDouble(Transference.Point::atoms).toArray();
            double max = Arrays.stream(x).max().orElse(1);
            XYFigure f = new XYFigure().title(String.format(Locale.ROOT, "Li atoms against electrons: slope %.3f [%.3f, %.3f]",
                    a.fit().slope(), a.fit().low(), a.fit().high())).axes(Axis.of("electrons", ""), Axis.of("Li atoms", ""))
                    .add(new Series("particles", x, y, Series.AUTO_COLOUR, true))
                    .add(Series.line("fit", new double[] { 0, max }, new double[] { 0, a.fit().slope() * max }));
            write(f, dir, "transference", figures);
        }
        if (a.phases() != null) {
            double[] cls = new double[g.pixelCount()];
            for (int k = 0; k < cls.length; k++) {
                String r = a.phases().region(k);
                cls[k] = r == null ? Double.NaN : PhaseMap.STANDARD_REGIONS.indexOf(r);
            }
            write(map("phases (" + a.phaseSource() + ")", g.nx(), g.ny(), g.x0(), g.y0(), g.dx(), g.dy(), cls)
                    .categories(List.of(new Category("AlPO4", 0x333333), new Category("boundary", 0xD55E00),
                            new Category("matrix", 0x56B4E9))), dir, "phases", figures);
            StringBuilder b = new StringBuilder("from_nm,to_nm,pixels,median_onset_V,ci95_low_V,ci95_high_V\n");
            List<Double> xs = new ArrayList<>();
            List<Double> med = new ArrayList<>();
            List<Double> lo = new ArrayList<>();
            List<Double> hi = new ArrayList<>();
            for (OnsetByDistance.Bin bin : a.bins()) {
                b.append(String.format(Locale.ROOT, "%.1f,%s,%d,%.4f,%.4f,%.4f%n", bin.from() * 1e9,
                        Double.isInfinite(bin.to()) ? "inf" : String.format(Locale.ROOT, "%.1f", bin.to() * 1e9),
                        bin.pixels(), bin.median(), bin.low(), bin.high()));
                if (bin.pixels() > 0) {
                    double width = a.bins().get(0).to() - a.bins().get(0).from();
                    xs.add(bin.from() + width / 2);
                    med.add(bin.median());
                    lo.add(bin.low());
                    hi.add(bin.high());
                }
            }
            Files.writeString(dir.resolve("onset_by_distance.csv"), b);
            if (!xs.isEmpty()) {
                double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
                write(new XYFigure().title("onset bias against distance to AlPO4 (median, bootstrap 95 %)")
                        .axes(Axis.of("distance to AlPO4", "m", -9), Axis.of("onset bias", "V"))
                        .add(new Series("median", x, med.stream().mapToDouble(Double::doubleValue).toArray(),
                                Series.AUTO_COLOUR, true))
                        .add(Series.line("2.5 %", x, lo.stream().mapToDouble(Double::doubleValue).toArray()))
                        .add(Series.line("97.5 %", x, hi.stream().mapToDouble(Double::doubleValue).toArray())), dir,
                        "onset_vs_distance", figures);
            }
        }
        report.add("figures", figures);
    }

    /**
     * Histograms of log10 volumes on the same 0.1-decade bins, drawn as step lines: the volumes as
     * recorded and, when there is a tip correction, the tip-corrected ones (lines, not stacked bars:
     * they are the same particles measured twice).
     */
    private static XYFigure histogram(double[] recorded, double[] corrected, double tipRadius) {
        double[] all = java.util.stream.DoubleStream.concat(Arrays.stream(recorded), Arrays.stream(corrected)).toArray();
        double lo = Math.floor(Arrays.stream(all).min().orElse(0) * 10) / 10;
        double hi = Math.ceil(Arrays.stream(all).max().orElse(1) * 10) / 10 + 0.1;
        XYFigure f = new XYFigure().title("particle volumes (0.1-decade bins)").axes(Axis.of("log10(volume / nm³)", ""),
                Axis.of("particles", "")).add(steps(corrected.length > 0 ? "as recorded" : "particles", recorded, lo, hi));
        if (corrected.length > 0) {
            double nm = tipRadius * 1e9;
            f.add(steps(String.format(Locale.ROOT, Math.abs(nm - Math.rint(nm)) < 1e-6 ? "tip-corrected (%.0f nm tip)" : "tip-corrected (%.3g nm tip)",
                    nm), corrected, lo, hi));
        }
        return f;
    }

    /** One histogram as a step line over [lo, hi). */
    private static Series steps(String name, double[] logVolumes, double lo, double hi) {
        int bins = Math.max(1, (int) Math.round((hi - lo) / 0.1));
        int[] count = new int[bins];
        for (double v : logVolumes) {
            count[Math.min(bins - 1, (int) ((v - lo) / 0.1))]++;
        }
        double[] x = new double[2 * bins + 2];
        double[] y = new double[2 * bins + 2];
        x[0] = lo;
        for (int b = 0; b < bins; b++) {
            x[2 * b + 1] = lo + b * 0.1;
            y[2 * b + 1] = count[b];
            x[2 * b + 2] = lo + (b + 1) * 0.1;
            y[2 * b + 2] = count[b];
        }
        x[2 * bins + 1] = lo + bins * 0.1;
        return Series.line(name, x, y);
    }

    private static MapFigure map(String title, int nx, int ny, double x0, double y0, double dx, double dy,
            double[] values) {
        double left = x0 - dx / 2;
        double bottom = y0 - dy / 2;
        return new MapFigure(nx, ny, values, left, left + nx * dx, bottom, bottom + ny * dy).title(title)
                .axes(Axis.of("x", "m", -9), Axis.of("y", "m", -9)).colorMap(ColorMap.VIRIDIS);
    }

    private static void write(Figure f, Path dir, String name, JsonArray list) throws IOException {
        f.writePng(dir.resolve(name + ".png"));
        f.writeSvg(dir.resolve(name + ".svg"));
        list.add(name + ".png");
    }

    static void print(JsonObject r, Path dir, PrintStream out) {
        out.println("map: " + r.get("file").getAsString() + " (" + r.get("grid").getAsString() + ", "
                + r.get("pixels_stored").getAsInt() + " pixels stored" + (r.get("complete").getAsBoolean() ? "" : ", incomplete")
                + ")");
        for (var n : r.getAsJsonArray("notes")) {
            out.println("note: " + n.getAsString());
        }
        if (!r.get("topography").isJsonNull()) {
            JsonObject t = r.getAsJsonObject("topography");
            out.printf(Locale.ROOT, "topography: after shifted by (%s, %s) nm on before (correlation %s), median swelling %s nm%n",
                    s(t, "shift_x_nm", "%.1f"), s(t, "shift_y_nm", "%.1f"), s(t, "correlation", "%.3f"),
                    s(t, "swelling_median_nm", "%.2f"));
        }
        if (!r.get("particles").isJsonNull()) {
            JsonObject p = r.getAsJsonObject("particles");
            out.printf(Locale.ROOT, "particles: %d (threshold %s nm above background, median volume %s nm³%s)%n",
                    p.get("count").getAsInt(), s(p, "threshold_nm", "%.2f"), s(p, "volume_median_nm3", "%.3g"),
                    p.has("volume_tip_corrected_median_nm3") ? ", " + s(p, "volume_tip_corrected_median_nm3", "%.3g")
                            + " nm³ tip-corrected" : "");
            JsonObject tc = r.getAsJsonObject("tip_correction");
            out.printf(Locale.ROOT, "tip correction: %s%n", tc.get("applied").getAsBoolean()
                    ? s(tc, "radius_nm", "%.3g") + " nm sphere (" + tc.get("source").getAsString() + ")"
                    : tc.get("source").getAsString());
        }
        if (!r.get("transference").isJsonNull()) {
            JsonObject t = r.getAsJsonObject("transference");
            out.printf(Locale.ROOT, "transference: %s Li atoms per electron, 95 %% [%s, %s], %d particles (volumes: %s)%n",
                    s(t, "slope_li_per_electron", "%.3f"), s(t, "ci95_low", "%.3f"), s(t, "ci95_high", "%.3f"),
                    t.get("particles").getAsInt(), t.get("volumes").getAsString());
            if (t.has("uncorrected")) {
                JsonObject u = t.getAsJsonObject("uncorrected");
                out.printf(Locale.ROOT, "  without the tip correction: %s, 95 %% [%s, %s]%n",
                        s(u, "slope_li_per_electron", "%.3f"), s(u, "ci95_low", "%.3f"), s(u, "ci95_high", "%.3f"));
            }
        }
        if (!r.get("phases").isJsonNull()) {
            JsonObject ph = r.getAsJsonObject("phases");
            out.println("phases from " + ph.get("source").getAsString() + ":");
            for (var e : ph.getAsJsonObject("by_region").entrySet()) {
                JsonObject x = e.getValue().getAsJsonObject();
                out.printf(Locale.ROOT, "  %-9s %5d pixels, nucleated %s %%, median onset %s V%n", e.getKey(),
                        x.get("pixels").getAsInt(), x.get("nucleated_fraction").isJsonNull() ? "-"
                                : String.format(Locale.ROOT, "%.1f", 100 * x.get("nucleated_fraction").getAsDouble()),
                        s(x, "median_onset_V", "%.3f"));
            }
            if (!ph.get("mann_whitney_boundary_vs_matrix").isJsonNull()) {
                JsonObject m = ph.getAsJsonObject("mann_whitney_boundary_vs_matrix");
                out.printf(Locale.ROOT, "  boundary band vs matrix: Mann-Whitney U %s, z %s, p %s%n", s(m, "u", "%.0f"),
                        s(m, "z", "%.2f"), s(m, "p_two_sided", "%.2g"));
            }
            if (!ph.get("agreement_with_ground_truth").isJsonNull()) {
                out.printf(Locale.ROOT, "  AlPO4 found agrees with %s on %s %% of pixels%n",
                        ph.get("ground_truth").getAsString(),
                        String.format(Locale.ROOT, "%.1f", 100 * ph.get("agreement_with_ground_truth").getAsDouble()));
            }
        }
        if (r.has("stored_in") && !r.get("stored_in").isJsonNull()) {
            out.println("stored: " + r.get("stored_in").getAsString() + " (HDF5)");
        }
        out.printf(Locale.ROOT, "results: %s (analysis.json, CSV, PNG + SVG; %.1f s)%n", dir, r.get("wall_s").getAsDouble());
    }

    private static String s(JsonObject o, String key, String format) {
        return o.has(key) && !o.get(key).isJsonNull() ? String.format(Locale.ROOT, format, o.get(key).getAsDouble()) : "-";
    }
}
