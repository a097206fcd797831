package org.onset.batch.internal.fem;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.PhaseMapService;
import org.onset.batch.BatchCommand;
import org.onset.fem.FemModel;
import org.onset.fem.FemModelException;
import org.onset.fem.FemModelJson;
import org.onset.fem.FemSolver;
import org.onset.fem.FieldMap;
import org.onset.fem.MapInclusions;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * {@code onset fem-map MAP.h5 MODEL.json}: the AlPO4 grains of a measured map (its phase map) as
 * inclusions, and |E| under the tip on a coarse grid over the map, to lay over the onset map.
 */
@Component(service = BatchCommand.class)
public final class FemMapCommand implements BatchCommand {

    private final FemSolver solver;
    private final MapReaderService maps;
    private final PhaseMapService phases;

    @Activate
    public FemMapCommand(@Reference FemSolver solver, @Reference MapReaderService maps, @Reference PhaseMapService phases) {
        this.solver = solver;
        this.maps = maps;
        this.phases = phases;
    }

    @Override
    public String name() {
        return "fem-map";
    }

    @Override
    public String summary() {
        return "|E| under the tip over a measured map: its AlPO4 grains as FEM inclusions";
    }

    @Override
    public String usage() {
        return """
                usage: onset fem-map MAP.h5 MODEL.json [--step NM] [--depth NM] [--parallel N] [-o DIR]
                  MAP.h5      a map file whose phase map is known (simulator ground truth, or a provider)
                  MODEL.json  slab, tip, mesh and the inclusions' permittivity/shape (its first inclusion; its
                              inclusion positions are replaced by the map's AlPO4 grains)
                  --step NM   spacing of the tip positions (default 300 nm: one solve each)
                  --depth NM  depth of |E| on the tip axis (default: the model's first probe depth)
                  -o DIR      case directories and field-map.json / field-map.csv (default onset-fem-map/)
                Prints the field map as JSON: {"x_nm": [...], "y_nm": [...], "depth_nm", "E_V_per_nm": [[...]]}.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path mapFile = null;
        Path modelFile = null;
        Path dir = Path.of("onset-fem-map");
        double step = 300;
        Double depth = null;
        int parallel = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--step" -> step = number(args, ++i, a);
                case "--depth" -> depth = number(args, ++i, a);
                case "--parallel" -> parallel = (int) number(args, ++i, a);
                case "-o" -> dir = Path.of(text(args, ++i, a));
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown argument '" + a + "'");
                    } else if (mapFile == null) {
                        mapFile = Path.of(a);
                    } else if (modelFile == null) {
                        modelFile = Path.of(a);
                    } else {
                        throw new IllegalArgumentException("unexpected argument '" + a + "'");
                    }
                }
            }
        }
        if (mapFile == null || modelFile == null) {
            throw new IllegalArgumentException("needs MAP.h5 and MODEL.json");
        }
        if (!(step > 0) || parallel < 1) {
            throw new IllegalArgumentException("--step must be > 0 nm and --parallel >= 1");
        }
        FemModel model;
        try {
            model = FemModelJson.read(modelFile);
        } catch (FemModelException e) {
            err.println("onset fem-map: " + e.getMessage());
            return USAGE;
        }
        double eps = model.inclusions().isEmpty() ? 5.1 : model.inclusions().get(0).permittivity();
        FemModel.Shape shape = model.inclusions().isEmpty() ? FemModel.Shape.HEMISPHERE : model.inclusions().get(0).shape();
        double height = model.inclusions().isEmpty() ? 0 : model.inclusions().get(0).heightNm();
        double probeDepth = depth != null ? depth : model.probeDepthsNm().get(0);
        PhaseMap phase;
        try (MapFile map = maps.open(mapFile)) {
            Optional<PhaseMap> p = phases.phaseMap(map);
            if (p.isEmpty()) {
                err.println("onset fem-map: no phase map is known for " + mapFile
                        + " (no provider recognises it: a simulated map, or a mask provider, is needed)");
                return FAILURE;
            }
            phase = p.get();
        }
        List<FemModel.Inclusion> incs = MapInclusions.fromPhaseMap(phase, PhaseMap.ALPO4, 3, eps, shape, height);
        Grid g = phase.grid();
        double x0 = Math.min(g.xMin(), g.xMax()) * 1e9;
        double x1 = Math.max(g.xMin(), g.xMax()) * 1e9;
        double y0 = Math.min(g.yMin(), g.yMax()) * 1e9;
        double y1 = Math.max(g.yMin(), g.yMax()) * 1e9;
        double[] xs = positions(x0, x1, step);
        double[] ys = positions(y0, y1, step);
        err.println(String.format(Locale.ROOT, "onset fem-map: %d AlPO4 grains from the phase map (%s); %d x %d tip positions,"
                + " %d solves", incs.size(), phase.source(), xs.length, ys.length, xs.length * ys.length));
        int total = xs.length * ys.length;
        int[] done = { 0 };
        FieldMap fm;
        try {
            fm = solver.fieldMap(model, incs, xs, ys, probeDepth, parallel, dir, m -> {
                synchronized (done) {
                    if (m.contains(": done")) {
                        done[0]++;
                        err.println(String.format(Locale.ROOT, "onset fem-map: [%d/%d] %s", done[0], total, m));
                    }
                }
            });
        } catch (FemModelException e) {
            err.println("onset fem-map: " + e.getMessage());
            return USAGE;
        }
        JsonObject json = new JsonObject();
        JsonArray jx = new JsonArray();
        JsonArray jy = new JsonArray();
        for (double x : fm.xNm()) {
            jx.add(x);
        }
        for (double y : fm.yNm()) {
            jy.add(y);
        }
        json.add("x_nm", jx);
        json.add("y_nm", jy);
        json.addProperty("depth_nm", fm.depthNm());
        JsonArray rows = new JsonArray();
        StringBuilder csv = new StringBuilder("x_nm,y_nm,E_V_per_nm\n");
        for (int j = 0; j < ys.length; j++) {
            JsonArray row = new JsonArray();
            for (int i = 0; i < xs.length; i++) {
                row.add(fm.eVPerNm()[j][i]);
                csv.append(String.format(Locale.ROOT, "%.1f,%.1f,%.6g%n", xs[i], ys[j], fm.eVPerNm()[j][i]));
            }
            rows.add(row);
        }
        json.add("E_V_per_nm", rows);
        JsonArray grains = new JsonArray();
        for (FemModel.Inclusion inc : incs) {
            JsonObject o = new JsonObject();
            o.addProperty("x_nm", inc.xNm());
            o.addProperty("y_nm", inc.yNm());
            o.addProperty("radius_nm", inc.radiusNm());
            grains.add(o);
        }
        json.add("inclusions", grains);
        String text = new GsonBuilder().setPrettyPrinting().create().toJson(json);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("field-map.json"), text + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("field-map.csv"), csv, StandardCharsets.UTF_8);
        out.println(text);
        return 0;
    }

    /** Tip positions from lo to hi every step, centred in the range. */
    static double[] positions(double lo, double hi, double step) {
        int n = Math.max(1, (int) Math.floor((hi - lo) / step) + 1);
        double start = (lo + hi) / 2 - (n - 1) * step / 2;
        double[] p = new double[n];
        for (int k = 0; k < n; k++) {
            p[k] = start + k * step;
        }
        return p;
    }

    private static double number(List<String> args, int i, String option) {
        try {
            return Double.parseDouble(text(args, i, option));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number");
        }
    }

    private static String text(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
