package org.onset.analysis.paper.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.particles.Transference;
import org.onset.analysis.phases.OnsetByDistance;
import org.onset.batch.BatchCommand;
import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.Grid;
import org.onset.plot.Axis;
import org.onset.plot.Category;
import org.onset.plot.ColorLimits;
import org.onset.plot.Figure;
import org.onset.plot.MapFigure;
import org.onset.plot.Series;
import org.onset.plot.XYFigure;
import org.osgi.service.component.annotations.Component;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * {@code onset figures [-o DIR] [--json]}: the paper's Figs. 1b, 1d–e, 4 and 5 reproduced on the
 * simulated sample (see {@link PaperFigures}), each number checked against its target; PNG + SVG
 * figures and figures.json in DIR. Exit 1 when a target is missed.
 */
@Component(service = BatchCommand.class)
public final class FiguresCommand implements BatchCommand {

    @Override
    public String name() {
        return "figures";
    }

    @Override
    public String summary() {
        return "the paper's Figs. 1b, 1d-e, 4-5 reproduced on the simulator and checked: onset figures [-o DIR] [--json]";
    }

    @Override
    public String usage() {
        return """
                usage: onset figures [-o DIR] [--json]
                  Runs on the simulated sample, in virtual time: 10 x 10 uncontrolled sweeps (0 -> -5 V, 1.5 um apart),
                  10 x 10 current-controlled sweeps (-10 pA, 0.5 um apart), both with topography before and after, and
                  the demo's 70 x 70 current-controlled onset map; analyses them from their data (registered after -
                  before images, particles, charge of each stored current, phases from the onset map) and checks:
                    Fig. 1b    transference slope (Li atoms per electron) 1.0 +- 0.1
                    Fig. 1d-e  compliance particles >= 10x smaller in median volume, narrower (interquartile range)
                    Fig. 4     AlPO4 found from the data agrees with the ground truth on >= 90 % of pixels;
                               no nucleation on AlPO4
                    Fig. 5     boundary band (25 nm) nucleates at a less negative bias than the matrix, Mann-Whitney p < 0.01
                  Writes PNG + SVG figures and figures.json to DIR (default onset-figures/). Takes about a minute.
                Exit status: 0 every target met, 1 a target missed, 2 bad arguments.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path dir = Path.of("onset-figures");
        boolean json = false;
        for (int a = 0; a < args.size(); a++) {
            String s = args.get(a);
            if (s.equals("--json")) {
                json = true;
            } else if (s.equals("-o") && a + 1 < args.size()) {
                dir = Path.of(args.get(++a));
            } else {
                throw new IllegalArgumentException("unknown argument '" + s + "'");
            }
        }
        err.println("onset figures: uncontrolled sweeps …");
        PaperFigures.SweepArray uncontrolled = PaperFigures.uncontrolledArray();
        err.println("onset figures: compliance sweeps …");
        PaperFigures.SweepArray compliance = PaperFigures.complianceArray();
        err.println("onset figures: 70 x 70 onset map …");
        PaperFigures.OnsetMap map = PaperFigures.onsetMap(Math.max(1, Runtime.getRuntime().availableProcessors()));
        JsonObject report = write(dir, uncontrolled, compliance, map);
        if (json) {
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(report));
        } else {
            for (var c : report.getAsJsonArray("checks")) {
                JsonObject o = c.getAsJsonObject();
                out.printf(Locale.ROOT, "%-4s %-10s %s%n", o.get("met").getAsBoolean() ? "ok" : "MISS",
                        o.get("figure").getAsString(), o.get("result").getAsString());
            }
            out.println("figures: " + dir.toAbsolutePath());
        }
        return report.get("all_met").getAsBoolean() ? 0 : FAILURE;
    }

    /** Checks the targets and writes figures.json and the figures; returns the report. */
    static JsonObject write(Path dir, PaperFigures.SweepArray uncontrolled, PaperFigures.SweepArray compliance,
            PaperFigures.OnsetMap map) throws IOException {
        Files.createDirectories(dir);
        JsonArray checks = new JsonArray();
        boolean all = true;

        Transference.SlopeFit fit = Transference.fit(uncontrolled.points());
        all &= check(checks, "Fig. 1b", Math.abs(fit.slope() - 1) <= 0.1, String.format(Locale.ROOT,
                "transference slope %.3f Li atoms per electron, 95 %% [%.3f, %.3f], %d particles (target 1.0 +- 0.1)",
                fit.slope(), fit.low(), fit.high(), fit.points()));
        double[] u = uncontrolled.volumes();
        double[] c = compliance.volumes();
        double ratio = PaperFigures.median(u) / PaperFigures.median(c);
        double iqrU = PaperFigures.quantile(u, 0.75) - PaperFigures.quantile(u, 0.25);
        double iqrC = PaperFigures.quantile(c, 0.75) - PaperFigures.quantile(c, 0.25);
        all &= check(checks, "Fig. 1d-e", ratio >= 10 && iqrC < iqrU, String.format(Locale.ROOT,
                "median volume uncontrolled %.3g nm³ (%d particles), compliance %.3g nm³ (%d): ratio %.0f (target >= 10); "
                        + "IQR %.3g vs %.3g nm³ (narrower)",
                PaperFigures.median(u) * 1e27, u.length, PaperFigures.median(c) * 1e27, c.length, ratio, iqrU * 1e27,
                iqrC * 1e27));
        all &= check(checks, "Fig. 4", map.agreement() >= 0.9 && map.truthAlpo4Nucleated() == 0
                && map.foundAlpo4Nucleated() == 0, String.format(Locale.ROOT,
                        "AlPO4 from the data agrees with the ground truth on %.1f %% of pixels (target >= 90 %%); AlPO4 "
                                + "nucleated %d of %d (ground truth), %d of %d (found)",
                        100 * map.agreement(), map.truthAlpo4Nucleated(), map.truthAlpo4(), map.foundAlpo4Nucleated(),
                        map.foundAlpo4()));
        all &= check(checks, "Fig. 5", map.medianBand() > map.medianMatrix() && map.test().p() < 0.01,
                String.format(Locale.ROOT, "median onset boundary band %.3f V (%d px), matrix %.3f V (%d px); "
                        + "Mann-Whitney U %.0f, p %.2g (target: band less negative, p < 0.01)", map.medianBand(),
                        map.test().na(), map.medianMatrix(), map.test().nb(), map.test().u(), map.test().p()));

        JsonArray figures = new JsonArray();
        figure(transference(uncontrolled.points(), fit), dir, "fig1b_transference", figures);
        figure(histograms(u, c), dir, "fig1de_volume_histograms", figures);
        figure(difference("Fig. 1a: uncontrolled sweeps, after − before", uncontrolled), dir,
                "fig1a_uncontrolled_difference", figures);
        figure(difference("compliance sweeps, after − before", compliance), dir, "fig1c_compliance_difference",
                figures);
        Grid g = map.grid();
        figure(map("Fig. 4a: onset bias (current control)", g, map.onset()).values(Axis.of("onset bias", "V")), dir,
                "fig4_onset_map", figures);
        double[] cls = new double[g.pixelCount()];
        for (int k = 0; k < cls.length; k++) {
            String r = map.phases().region(k);
            cls[k] = r == null ? Double.NaN : PhaseMap.STANDARD_REGIONS.indexOf(r);
        }
        figure(map("Fig. 4: phases found from the onset map", g, cls).categories(List.of(
                new Category("AlPO4", 0x333333), new Category("boundary", 0xD55E00), new Category("matrix", 0x56B4E9))),
                dir, "fig4_phases_from_data", figures);
        figure(onsetVsDistance(map.bins()), dir, "fig5_onset_vs_distance", figures);

        JsonObject report = new JsonObject();
        report.add("checks", checks);
        report.addProperty("all_met", all);
        report.add("figures", figures);
        report.addProperty("wall_s_uncontrolled", uncontrolled.seconds());
        report.addProperty("wall_s_compliance", compliance.seconds());
        report.addProperty("wall_s_onset_map", map.seconds());
        Files.writeString(dir.resolve("figures.json"),
                new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(report) + "\n");
        return report;
    }

    private static boolean check(JsonArray checks, String figure, boolean met, String result) {
        JsonObject o = new JsonObject();
        o.addProperty("figure", figure);
        o.addProperty("met", met);
        o.addProperty("result", result);
        checks.add(o);
        return met;
    }

    private static XYFigure transference(List<Transference.Point> points, Transference.SlopeFit fit) {
        double[] x = points.stream().mapToDouble(Transference.Point::electrons).toArray();
        double[] y = points.stream().mapToDouble(Transference.Point::atoms).toArray();
        double max = Arrays.stream(x).max().orElse(1);
        return new XYFigure()
                .title(String.format(Locale.ROOT, "Fig. 1b: Li atoms against electrons, slope %.3f [%.3f, %.3f]",
                        fit.slope(), fit.low(), fit.high()))
                .axes(Axis.of("electrons", ""), Axis.of("Li atoms", ""))
                .add(new Series("particles", x, y, Series.AUTO_COLOUR, true))
                .add(Series.line("fit through 0", new double[] { 0, max }, new double[] { 0, fit.slope() * max }));
    }

    private static XYFigure histograms(double[] uncontrolled, double[] compliance) {
        return new XYFigure().title("Fig. 1d-e: particle volumes, 0.1-decade bins")
                .axes(Axis.of("log10(volume / nm³)", ""), Axis.of("particles", ""))
                .add(step("uncontrolled", uncontrolled, 3, 9)).add(step("compliance -10 pA", compliance, 3, 9));
    }

    private static Series step(String name, double[] volumes, double lo, double hi) {
        int bins = (int) Math.round((hi - lo) / 0.1);
        int[] count = new int[bins];
        for (double v : volumes) {
            double l = Math.log10(v * 1e27);
            if (l >= lo && l < hi) {
                count[(int) ((l - lo) / 0.1)]++;
            }
        }
        double[] x = new double[2 * bins];
        double[] y = new double[2 * bins];
        for (int b = 0; b < bins; b++) {
            x[2 * b] = lo + b * 0.1;
            x[2 * b + 1] = lo + (b + 1) * 0.1;
            y[2 * b] = count[b];
            y[2 * b + 1] = count[b];
        }
        return Series.line(name, x, y);
    }

    private static MapFigure difference(String title, PaperFigures.SweepArray a) {
        TopographyImage d = a.difference().image();
        return new MapFigure(d.nx(), d.ny(), d.height(), d.x0() - d.dx() / 2, d.x0() + (d.nx() - 0.5) * d.dx(),
                d.y0() - d.dy() / 2, d.y0() + (d.ny() - 0.5) * d.dy()).title(title)
                .axes(Axis.of("x", "m", -6), Axis.of("y", "m", -6)).values(Axis.of("height change", "m"))
                .limits(ColorLimits.percentiles(0.5, 99.5));
    }

    private static MapFigure map(String title, Grid g, double[] values) {
        double left = g.x0() - g.dx() / 2;
        double bottom = g.y0() - g.dy() / 2;
        return new MapFigure(g.nx(), g.ny(), values, left, left + g.nx() * g.dx(), bottom, bottom + g.ny() * g.dy())
                .title(title).axes(Axis.of("x", "m", -9), Axis.of("y", "m", -9));
    }

    private static XYFigure onsetVsDistance(List<OnsetByDistance.Bin> bins) {
        List<double[]> rows = new ArrayList<>();
        for (OnsetByDistance.Bin b : bins) {
            if (b.pixels() > 0) {
                rows.add(new double[] { b.from() + 10e-9, b.median(), b.low(), b.high() });
            }
        }
        double[] x = rows.stream().mapToDouble(r -> r[0]).toArray();
        return new XYFigure().title("Fig. 5: onset bias against distance to AlPO4 (median, bootstrap 95 %)")
                .axes(Axis.of("distance to AlPO4", "m", -9), Axis.of("onset bias", "V"))
                .add(new Series("median", x, rows.stream().mapToDouble(r -> r[1]).toArray(), Series.AUTO_COLOUR, true))
                .add(Series.line("2.5 %", x, rows.stream().mapToDouble(r -> r[2]).toArray()))
                .add(Series.line("97.5 %", x, rows.stream().mapToDouble(r -> r[3]).toArray()));
    }

    private static void figure(Figure f, Path dir, String name, JsonArray list) throws IOException {
        f.writePng(dir.resolve(name + ".png"));
        f.writeSvg(dir.resolve(name + ".svg"));
        list.add(name + ".png");
    }
}
