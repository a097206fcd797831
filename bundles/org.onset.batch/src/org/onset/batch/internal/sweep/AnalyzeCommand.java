package org.onset.batch.internal.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.PhaseMapProviders;
import org.onset.analysis.PhaseMapService;
import org.onset.analysis.UserMasks;
import org.onset.analysis.report.AnalysisStore;
import org.onset.analysis.report.MapAnalysis;
import org.onset.analysis.report.MapAnalyzer;
import org.onset.batch.BatchCommand;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * {@code onset analyze FILE.h5 [--json] [-o DIR] [--mask FILE]}: particles, transference number,
 * phases from the data, onset by phase and by distance to AlPO4. Reads the map file only; the
 * results go to a directory of their own (JSON, CSV, PNG and SVG).
 */
@Component(service = BatchCommand.class)
public final class AnalyzeCommand implements BatchCommand {

    private final MapReaderService maps;
    private final PhaseMapService phaseMaps;
    private final UserMasks masks;
    private final AnalysisStore store;

    @Activate
    public AnalyzeCommand(@Reference MapReaderService maps, @Reference PhaseMapService phaseMaps,
            @Reference UserMasks masks, @Reference AnalysisStore store) {
        this.maps = maps;
        this.phaseMaps = phaseMaps;
        this.masks = masks;
        this.store = store;
    }

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String summary() {
        return "particles, transference number, phases and onset by distance to AlPO4: onset analyze FILE.h5 [--json] [-o DIR]";
    }

    @Override
    public String usage() {
        return """
                usage: onset analyze FILE.h5 [--json] [-o DIR] [--mask MASK | --phases ID] [--tip-radius-nm R]
                  Analyses a map file (it is only read):
                  - topography: the after image registered on the before image (drift, sub-pixel cross-correlation),
                    the difference after - before;
                  - particles in the difference (threshold + watershed): volume above the local baseline, height,
                    equivalent radius, centroid and the ramps on each; the volume also after taking the AFM tip's
                    shape out (both images eroded by a sphere of the tip radius: Villarrubia's certainty-free
                    reconstruction; a tip widens ~100 nm particles and adds to their volume);
                  - transference number: Li atoms in each particle holding one ramp against the electrons of that
                    ramp's stored current, slope with 95 % interval; from the tip-corrected volumes when there is
                    a tip radius (the slope of the uncorrected ones is reported beside it);
                  - phases: AlPO4 as clusters of never-nucleating pixels (or MASK), boundary band (25 nm) and matrix;
                    onset by phase, onset against distance to AlPO4 (medians, bootstrap 95 % intervals), Mann-Whitney U
                    of boundary band against matrix; agreement with a phase-map provider's map (the simulator's ground
                    truth) when there is one.
                  Stores the results in FILE.analysis.h5 beside the map file (HDF5, layout in MAPFILE.md) and writes
                  analysis.json, particles.csv, transference.csv, onset_by_distance.csv and PNG + SVG figures to
                  DIR (default: FILE-analysis/ beside the file). What cannot run (no topography, incomplete map, no
                  nucleation) is said, and the rest runs.
                  --json       print analysis.json instead of the summary
                  -o DIR       output directory
                  --mask MASK  AlPO4 mask instead of the data: text (ny rows of nx numbers, non-zero = AlPO4),
                               PNG/GIF/BMP of nx x ny pixels (bright = AlPO4) or Gwyddion .gsf of nx x ny points
                               (non-zero = AlPO4), row 0 first/top. A mask named FILE.mask.png (.gif .bmp
                               .gsf .txt .csv) beside FILE.h5 is used without this option.
                  --phases ID  the phase-map provider whose AlPO4 to use: mask, data, simulator (the ground truth)
                               or another installed one; default: the mask if there is one, else the data
                  --tip-radius-nm R  radius of the AFM tip's spherical apex, nm, to take out of the particle volumes;
                               0: no correction. Default: the radius the file records (instrument setting
                               tipRadius), else 30 nm for a file the simulator made, else no correction
                Exit status: 0 analysed, 1 not a readable map file or a mask that does not fit, 2 bad arguments.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path file = null;
        Path dir = null;
        Path mask = null;
        String provider = null;
        boolean json = false;
        double tipRadius = Double.NaN;
        for (int a = 0; a < args.size(); a++) {
            String s = args.get(a);
            if (s.equals("--json")) {
                json = true;
            } else if (s.equals("-o") || s.equals("--mask") || s.equals("--phases") || s.equals("--tip-radius-nm")) {
                if (a + 1 >= args.size()) {
                    throw new IllegalArgumentException(s + " needs a value");
                }
                String v = args.get(++a);
                if (s.equals("-o")) {
                    dir = Path.of(v);
                } else if (s.equals("--mask")) {
                    mask = Path.of(v);
                } else if (s.equals("--tip-radius-nm")) {
                    tipRadius = tipRadiusMetres(v);
                } else {
                    provider = v;
                }
            } else if (s.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + s + "'");
            } else if (file != null) {
                throw new IllegalArgumentException("one file at a time, got '" + file + "' and '" + s + "'");
            } else {
                file = Path.of(s);
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("name the map file to analyse");
        }
        if (mask != null && provider != null && !provider.equals(PhaseMapProviders.MASK)) {
            throw new IllegalArgumentException("--mask uses the mask's phases; it cannot be combined with --phases " + provider);
        }
        if (!Files.exists(file)) {
            err.println("onset analyze: " + file + " does not exist");
            return USAGE;
        }
        if (mask != null && !Files.exists(mask)) {
            err.println("onset analyze: mask " + mask + " does not exist");
            return USAGE;
        }
        if (dir == null) {
            String name = file.getFileName().toString();
            dir = file.toAbsolutePath().resolveSibling((name.endsWith(".h5") ? name.substring(0, name.length() - 3) : name)
                    + "-analysis");
        }
        long start = System.nanoTime();
        MapAnalysis analysis;
        MapAnalyzer.Options options = MapAnalyzer.Options.defaults();
        if (mask != null) {
            options = options.withMask(mask);
        }
        options = options.withTipRadius(tipRadius);
        try (MapFile reader = maps.open(file)) {
            if (mask != null) {
                masks.bind(reader, mask); // refuses a mask of the wrong size, naming both sizes
                provider = PhaseMapProviders.MASK;
            }
            try {
                Optional<PhaseMap> phases = provider == null ? phaseMaps.estimatedPhaseMap(reader)
                        : phaseMaps.phaseMap(reader, provider);
                if (provider != null && phases.isEmpty()) {
                    err.println("onset analyze: the phase-map provider '" + provider + "' does not know " + file);
                    return FAILURE;
                }
                // compared with the ground truth when there is one (a simulated map), unless that is what is used
                Optional<PhaseMap> truth = phaseMaps.groundTruth(reader)
                        .filter(t -> phases.isEmpty() || !t.source().equals(phases.get().source()));
                analysis = MapAnalyzer.analyze(reader, phases.orElse(null), truth, options);
            } finally {
                if (mask != null) {
                    masks.unbind(file);
                }
            }
        } catch (IOException e) {
            err.println("onset analyze: " + e.getMessage());
            return FAILURE;
        } catch (IllegalArgumentException e) {
            err.println("onset analyze: " + e.getMessage());
            return FAILURE;
        }
        // the sidecar first: a reader of the map file never sees the results half-written (written aside, then moved)
        Path stored = null;
        try {
            stored = store.write(file, analysis);
        } catch (IOException e) {
            err.println("onset analyze: warning: the results could not be stored beside the map file ("
                    + e.getMessage() + "); they are in " + dir + " only");
        }
        Files.createDirectories(dir);
        JsonObject report = AnalysisReport.json(file, analysis);
        report.addProperty("stored_in", stored == null ? null : stored.toString());
        report.addProperty("wall_s", (System.nanoTime() - start) / 1e9);
        AnalysisReport.write(dir, analysis, report);
        String text = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create()
                .toJson(report);
        Files.writeString(dir.resolve("analysis.json"), text + "\n");
        if (json) {
            out.println(text);
        } else {
            AnalysisReport.print(report, dir, out);
        }
        return 0;
    }

    /** The value of --tip-radius-nm in m; a clear error for anything but a length of 0 to 10 000 nm. */
    static double tipRadiusMetres(String nm) {
        double r;
        try {
            r = Double.parseDouble(nm.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--tip-radius-nm needs a number of nm (0: no tip correction), got '" + nm + "'");
        }
        if (!MapAnalyzer.isTipRadius(r * 1e-9)) {
            throw new IllegalArgumentException("--tip-radius-nm must be between 0 and 10000 nm (0: no tip correction), got "
                    + nm);
        }
        return r * 1e-9;
    }
}
