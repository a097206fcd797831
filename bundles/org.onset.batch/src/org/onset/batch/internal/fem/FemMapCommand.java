package org.onset.batch.internal.fem;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.PhaseMapService;
import org.onset.analysis.phases.ThresholdPhases;
import org.onset.analysis.topography.Levelling;
import org.onset.analysis.topography.StageImages;
import org.onset.batch.BatchCommand;
import org.onset.fem.FemModel;
import org.onset.fem.FemModelException;
import org.onset.fem.FemModelJson;
import org.onset.fem.FemSolver;
import org.onset.fem.FieldMap;
import org.onset.fem.MapInclusions;
import org.onset.instrument.api.TopographyImage;
import org.onset.io.api.Image;
import org.onset.io.api.ImageExporter;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.SpectrumMap;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.spectra.RamanBands;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * {@code onset fem-map MAP.h5 MODEL.json}: the AlPO4 grains of a measured map as inclusions, and |E|
 * under the tip on a coarse grid over the map, to lay over the onset map. The grains come from a
 * phase map: a provider's (the default, or {@code --phases ID}), or a thresholded image laid on the
 * map by stage coordinates ({@code --threshold}: the map's own topography, an SPM image, or a Raman
 * map's band integral). Besides the field map (JSON, CSV, and a Gwyddion {@code .gsf} in the map's
 * stage frame, which the workbench's overlay lays over the onset map) it writes the multi-inclusion
 * model of the whole area, {@code area-model.json}, for {@code onset fem solve} or the Modeling
 * perspective.
 */
@Component(service = BatchCommand.class)
public final class FemMapCommand implements BatchCommand {

    private final FemSolver solver;
    private final MapReaderService maps;
    private final PhaseMapService phases;
    private final ImporterRegistry importers;
    private final ImageExporter gsf;

    @Activate
    public FemMapCommand(@Reference FemSolver solver, @Reference MapReaderService maps, @Reference PhaseMapService phases,
            @Reference ImporterRegistry importers,
            @Reference(target = "(" + ImageExporter.EXTENSION_PROPERTY + "=gsf)") ImageExporter gsf) {
        this.solver = solver;
        this.maps = maps;
        this.phases = phases;
        this.importers = importers;
        this.gsf = gsf;
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
                usage: onset fem-map MAP.h5 MODEL.json [--phases ID | --threshold SOURCE (--above V | --below V)
                                     [--channel N] [--band LO,HI]] [--step NM] [--depth NM] [--parallel N] [-o DIR]
                  MAP.h5      the onset map: its grid places everything (stage coordinates)
                  MODEL.json  slab, tip, mesh and the inclusions' permittivity/shape (its first inclusion; its
                              inclusion positions are replaced by the map's AlPO4 grains)
                  AlPO4 grains (each connected patch becomes an inclusion of equal area at its centroid) from:
                  (default)   the phase map of the highest-ranked provider that knows the map (a mask beside
                              it, the simulator's ground truth, else the never-nucleating clusters)
                  --phases ID one provider's phase map (ids: onset analyze --help)
                  --threshold SOURCE   AlPO4 where an image is above/below a value, the image laid on the map by
                              stage coordinates: SOURCE = before | after (the map's topography, plane-levelled),
                              or an image file (SPM image: --channel N, default 0) or a Raman map file (its band
                              integral, --band LO,HI, default 2700,3000 cm^-1)
                  --above V | --below V  the threshold, in the channel's unit; heights may carry nm, pm or um
                              (e.g. --above 1.5nm)
                  --step NM   spacing of the tip positions (default 300 nm: one solve each)
                  --depth NM  depth of |E| on the tip axis (default: the model's first probe depth)
                  -o DIR      case directories and the results (default onset-fem-map/): field-map.json,
                              field-map.csv, field-map.gsf (|E| in V/m in the map's stage frame: the workbench's
                              Correlative overlay lays it over the onset map) and area-model.json (every grain
                              of the area in one model, tip at the area's centre)
                Prints the field map as JSON: {"x_nm": [...], "y_nm": [...], "depth_nm", "E_V_per_nm": [[...]], ...}.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path mapFile = null;
        Path modelFile = null;
        Path dir = Path.of("onset-fem-map");
        double step = 300;
        Double depth = null;
        String phaseId = null;
        String threshold = null;
        Double above = null;
        Double below = null;
        int channel = 0;
        double[] band = { RamanBands.DEFAULT_LOW, RamanBands.DEFAULT_HIGH };
        int parallel = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--step" -> step = number(args, ++i, a);
                case "--depth" -> depth = number(args, ++i, a);
                case "--parallel" -> parallel = (int) number(args, ++i, a);
                case "--phases" -> phaseId = text(args, ++i, a);
                case "--threshold" -> threshold = text(args, ++i, a);
                case "--above" -> above = withUnit(text(args, ++i, a), a);
                case "--below" -> below = withUnit(text(args, ++i, a), a);
                case "--channel" -> channel = (int) number(args, ++i, a);
                case "--band" -> band = band(text(args, ++i, a));
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
        if (threshold != null && (above == null) == (below == null)) {
            throw new IllegalArgumentException("--threshold needs exactly one of --above V and --below V");
        }
        if (threshold == null && (above != null || below != null)) {
            throw new IllegalArgumentException("--above/--below need --threshold SOURCE");
        }
        if (threshold != null && phaseId != null) {
            throw new IllegalArgumentException("--phases and --threshold are alternatives: give one");
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
            if (threshold != null) {
                phase = thresholded(map, threshold, channel, band, above != null ? above : below, above != null);
            } else {
                Optional<PhaseMap> p = phaseId != null ? phases.phaseMap(map, phaseId) : phases.phaseMap(map);
                if (p.isEmpty()) {
                    err.println("onset fem-map: no phase map is known for " + mapFile + (phaseId != null
                            ? " from the provider '" + phaseId + "'"
                            : " (no provider recognises it)") + "; --threshold SOURCE --above V makes one from an image");
                    return FAILURE;
                }
                phase = p.get();
            }
        }
        List<FemModel.Inclusion> incs = MapInclusions.fromPhaseMap(phase, PhaseMap.ALPO4, 3, eps, shape, height);
        Grid g = phase.grid();
        double x0 = Math.min(g.xMin(), g.xMax()) * 1e9;
        double x1 = Math.max(g.xMin(), g.xMax()) * 1e9;
        double y0 = Math.min(g.yMin(), g.yMax()) * 1e9;
        double y1 = Math.max(g.yMin(), g.yMax()) * 1e9;
        double[] xs = positions(x0, x1, step);
        double[] ys = positions(y0, y1, step);
        err.println(String.format(Locale.ROOT, "onset fem-map: %d AlPO4 grains from the phase map (%s: %s); %d x %d tip "
                + "positions, %d solves", incs.size(), phase.source(), phase.definition(), xs.length, ys.length,
                xs.length * ys.length));
        Files.createDirectories(dir);
        FemModel area = areaModel(model, incs, x0, x1, y0, y1, mapFile);
        try {
            area.validate();
        } catch (FemModelException e) {
            err.println("onset fem-map: warning: the model of the whole area is not valid (" + e.getMessage()
                    + "); area-model.json is written anyway, to be mended by hand");
        }
        Files.writeString(dir.resolve("area-model.json"), FemModelJson.toJson(area) + "\n", StandardCharsets.UTF_8);
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
        json.addProperty("phase_source", phase.source());
        json.addProperty("phase_definition", phase.definition());
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
        json.addProperty("area_model", dir.resolve("area-model.json").toString());
        String text = new GsonBuilder().setPrettyPrinting().create().toJson(json);
        Files.writeString(dir.resolve("field-map.json"), text + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("field-map.csv"), csv, StandardCharsets.UTF_8);
        gsf.write(stageImage(fm, step), 0, dir.resolve("field-map.gsf"));
        err.println("onset fem-map: wrote " + dir.resolve("field-map.json") + ", field-map.csv, field-map.gsf and area-model.json");
        out.println(text);
        return 0;
    }

    /**
     * The phase map from a thresholded image: the map's own topography (plane-levelled, so a tilt
     * does not decide) or an image or Raman map file read by the importers.
     */
    private PhaseMap thresholded(MapFile map, String source, int channel, double[] band, double value, boolean above)
            throws IOException {
        Image image;
        String what;
        if (source.equals("before") || source.equals("after")) {
            Optional<TopographyImage> t = map.topography(source);
            if (t.isEmpty()) {
                Set<String> names = map.topographyNames();
                throw new IllegalArgumentException("--threshold " + source + ": the map file has no topography '" + source
                        + "' (it has " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
            }
            image = StageImages.of("topography " + source + " (plane-levelled)", Levelling.plane(t.get()));
            what = "topography " + source + " of " + map.file().getFileName() + ", plane-levelled";
        } else {
            Path file = Path.of(source);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--threshold " + source + ": no such file (or before / after for the "
                        + "map's topography)");
            }
            Imported im = importers.open(file);
            if (im.data() instanceof Image i) {
                image = i;
                if (channel < 0 || channel >= i.channels().size()) {
                    throw new IllegalArgumentException("--channel " + channel + ": " + file.getFileName()
                            + " has channels 0.." + (i.channels().size() - 1));
                }
                what = file.getFileName() + " (" + im.format() + "), channel " + channel;
            } else if (im.data() instanceof SpectrumMap m) {
                image = RamanBands.stageImage(m, band[0], band[1]);
                channel = 0;
                what = file.getFileName() + " (" + im.format() + "), " + image.channels().get(0).name();
            } else {
                throw new IllegalArgumentException("--threshold " + source + ": it is a " + im.data().kind() + " ("
                        + im.format() + "), not an image or a map of spectra");
            }
        }
        return ThresholdPhases.of(map.grid(), image, channel, value, above, what);
    }

    /**
     * Every grain of the area in one model: the template's tip at the area's centre, its slab grown to
     * hold the area with a margin of the largest radius (at least 100 nm) on every side.
     */
    static FemModel areaModel(FemModel template, List<FemModel.Inclusion> incs, double x0, double x1, double y0,
            double y1, Path mapFile) {
        double cx = (x0 + x1) / 2;
        double cy = (y0 + y1) / 2;
        double margin = 100;
        List<FemModel.Inclusion> local = new java.util.ArrayList<>();
        for (FemModel.Inclusion inc : incs) {
            margin = Math.max(margin, inc.radiusNm());
            local.add(new FemModel.Inclusion(inc.xNm() - cx, inc.yNm() - cy, inc.radiusNm(), inc.permittivity(),
                    inc.shape(), inc.heightNm()));
        }
        FemModel.Slab s = template.slab();
        FemModel.Slab slab = new FemModel.Slab(Math.max(s.widthNm(), x1 - x0 + 2 * margin),
                Math.max(s.depthNm(), y1 - y0 + 2 * margin), s.thicknessNm(), s.permittivity());
        return new FemModel(String.format(Locale.ROOT, "%s: %d AlPO4 grains of %s, tip at the area's centre (%.0f, %.0f) nm",
                template.name(), local.size(), mapFile.getFileName(), cx, cy), slab, local, template.tip(),
                template.biasV(), 0, template.airHeightNm(), template.mesh(), template.probeDepthsNm());
    }

    /** The field map as an image in the map's stage frame (m), row 0 at the top, |E| in V/m. */
    static Image stageImage(FieldMap fm, double stepNm) {
        int nx = fm.xNm().length;
        int ny = fm.yNm().length;
        double[] values = new double[nx * ny]; // storage order: y grows with j
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                values[j * nx + i] = fm.eVPerNm()[j][i] * 1e9;
            }
        }
        Grid g = new Grid(nx, ny, fm.xNm()[0] * 1e-9, fm.yNm()[0] * 1e-9, stepNm * 1e-9, stepNm * 1e-9);
        return StageImages.of(g, values, String.format(Locale.ROOT, "|E| %.0f nm under the tip", fm.depthNm()),
                "electric field", "V/m");
    }

    /** A number, or a length with nm, pm, um or µm, in SI (m). */
    static double withUnit(String text, String option) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        double scale = 1;
        for (String[] u : new String[][] { { "nm", "1e-9" }, { "pm", "1e-12" }, { "um", "1e-6" }, { "µm", "1e-6" } }) {
            if (t.endsWith(u[0])) {
                scale = Double.parseDouble(u[1]);
                t = t.substring(0, t.length() - u[0].length()).strip();
                break;
            }
        }
        try {
            return Double.parseDouble(t) * scale;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, optionally with nm, pm or um; got '" + text + "'");
        }
    }

    private static double[] band(String text) {
        String[] parts = text.split(",");
        try {
            if (parts.length == 2) {
                double lo = Double.parseDouble(parts[0].strip());
                double hi = Double.parseDouble(parts[1].strip());
                if (hi > lo) {
                    return new double[] { lo, hi };
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new IllegalArgumentException("--band needs LO,HI with LO < HI (cm^-1), e.g. 2700,3000; got '" + text + "'");
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
