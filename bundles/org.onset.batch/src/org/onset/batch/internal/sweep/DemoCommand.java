package org.onset.batch.internal.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.Optional;

import org.onset.analysis.MapStatisticsService;
import org.onset.analysis.PhaseMap;
import org.onset.batch.BatchCommand;
import org.onset.instrument.registry.InstrumentConfigurationException;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.onset.map.api.MapReaderService;
import org.onset.sweep.api.InvalidRecipeException;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.RecipeCodec;
import org.onset.sweep.api.SweepException;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;
import org.onset.sweep.api.SweepState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * {@code onset demo [-o DIR]}: the paper's two experiments on the simulated LICGC sample, run at the
 * same time on two simulated instruments in virtual time: current control (0 → −4.2 V at 1.2 V/s,
 * cutoff −10 pA) and height control (cutoff ΔZ 8 nm), 70 × 70 pixels at 20 nm. Writes the map
 * files, PNG and SVG maps and DIR/summary.json.
 */
@Component(service = BatchCommand.class)
public final class DemoCommand implements BatchCommand {

    /** How long a demo instrument may take to appear (the simulator builds its sample) or go. */
    static final Duration INSTRUMENT_WAIT = Duration.ofSeconds(30);

    /** The two experiments: name, instrument id, cutoff in recipe JSON. */
    static final List<String[]> EXPERIMENTS = List.of(
            new String[] { "current_control", "onset-demo-current", "{\"current_pA\": -10}",
                    "Current control (cutoff -10 pA)" },
            new String[] { "height_control", "onset-demo-height", "{\"height_nm\": 8}",
                    "Height control (cutoff dZ 8 nm)" });

    private final SweepService sweeps;
    private final RecipeCodec codec;
    private final InstrumentConfigurator configurator;
    private final MapReaderService maps;
    private final MapStatisticsService statistics;

    @Activate
    public DemoCommand(@Reference SweepService sweeps, @Reference RecipeCodec codec,
            @Reference InstrumentConfigurator configurator, @Reference MapReaderService maps,
            @Reference MapStatisticsService statistics) {
        this.sweeps = sweeps;
        this.codec = codec;
        this.configurator = configurator;
        this.maps = maps;
        this.statistics = statistics;
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "the paper's current- and height-control maps on the simulated sample, with PNGs and summary.json";
    }

    @Override
    public String usage() {
        return """
                usage: onset demo [-o DIR] [--size N] [--seed S]
                  Runs the two experiments of Sci. Rep. 3, 1621 (2013) on the simulated LICGC sample, at the same
                  time on two simulated instruments in virtual time: current control (0 -> -4.2 V at 1.2 V/s,
                  cutoff -10 pA) and height control (cutoff dZ 8 nm), N x N pixels at 20 nm.
                  Writes DIR/current_control.h5, DIR/height_control.h5, PNG and SVG maps of each (onset bias,
                  current at end, dZ, rule fired, topography before and after) and DIR/summary.json.
                  -o DIR     output folder (default: onset-demo); the demo's own files in it are replaced
                  --size N   pixels per side (default 70)
                  --seed S   seed of the simulated sample (default 1)""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path dir = Path.of("onset-demo");
        int size = 70;
        long seed = 1;
        for (int k = 0; k < args.size(); k++) {
            String a = args.get(k);
            switch (a) {
            case "-o", "--output" -> dir = Path.of(MapCommand.value(args, ++k, a));
            case "--size" -> size = sizeOf(MapCommand.value(args, ++k, a));
            case "--seed" -> seed = MapCommand.count(MapCommand.value(args, ++k, a), a);
            default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException(SIZE_RANGE + ", got " + size);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            err.println("onset demo: cannot create the output folder " + dir + ": " + e);
            return FAILURE;
        }
        if (!Files.isWritable(dir)) {
            err.println("onset demo: the output folder " + dir + " is not writable");
            return FAILURE;
        }
        long t0 = System.nanoTime();
        List<String> instruments = new ArrayList<>();
        try {
            List<MapRecipe> recipes = new ArrayList<>();
            for (String[] e : EXPERIMENTS) {
                simulator(e[1], seed);
                instruments.add(e[1]);
                recipes.add(recipe(e, size));
                Files.deleteIfExists(dir.resolve(e[0] + ".h5"));
            }
            List<SweepRun> runs = new ArrayList<>();
            Map<SweepRun, Long> ended = new ConcurrentHashMap<>();
            for (int k = 0; k < recipes.size(); k++) {
                SweepRun run = sweeps.start(recipes.get(k), dir.resolve(EXPERIMENTS.get(k)[0] + ".h5"), false);
                run.finished().thenRun(() -> ended.put(run, System.nanoTime()));
                runs.add(run);
            }
            err.printf(Locale.ROOT, "onset demo: %d x %d pixels at 20 nm, two simulated instruments in virtual time -> %s%n",
                    size, size, dir);
            ProgressBar bar = new ProgressBar(err, System.console() != null, List.of("current", "height"));
            new RunWatcher(err, bar, 0).watch(runs);
            for (SweepRun r : runs) {
                if (r.state() != SweepState.COMPLETED) {
                    err.println("onset demo: " + r.output().getFileName() + " " + r.state() + ": " + r.progress().reason());
                    return FAILURE;
                }
            }
            err.println("onset demo: writing PNG and SVG maps and summary.json");
            JsonObject experiments = new JsonObject();
            Optional<PhaseMap> phases = Optional.empty();
            for (int k = 0; k < runs.size(); k++) {
                SweepRun r = runs.get(k);
                double wall = (ended.getOrDefault(r, System.nanoTime()) - t0) / 1e9;
                String[] e = EXPERIMENTS.get(k);
                DemoReport.Experiment x = DemoReport.experiment(e[0], e[3], r.output(), maps, statistics, dir, wall);
                experiments.add(e[0], x.json());
                phases = phases.or(x::phases); // both maps are on one sample: the same regions
            }
            JsonObject summary = new JsonObject();
            summary.add("experiments", experiments);
            summary.addProperty("sample_seed", seed);
            summary.addProperty("phase_definition", phases.map(PhaseMap::definition).orElse(null));
            summary.addProperty("phase_source", phases.map(PhaseMap::source).orElse(null));
            summary.add("wall_s", StatisticsJson.number((System.nanoTime() - t0) / 1e9));
            String json = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create()
                    .toJson(summary);
            Files.writeString(dir.resolve("summary.json"), json + "\n", StandardCharsets.UTF_8);
            DemoReport.printTable(out, experiments, dir, (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (SweepException | InstrumentConfigurationException e) {
            err.println("onset demo: " + e.getMessage());
            return FAILURE;
        } finally {
            for (String id : instruments) {
                try {
                    configurator.delete(id, INSTRUMENT_WAIT);
                } catch (IOException | InstrumentConfigurationException | RuntimeException e) {
                    err.println("onset demo: could not remove the demo instrument " + id + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * A simulated instrument of its own for one experiment, in virtual time, on the same sample
     * (the same region too, so that the two compliance rules can be compared pixel for pixel).
     */
    private void simulator(String id, long seed)
            throws IOException, InstrumentConfigurationException, InterruptedException {
        String simulator = configurator.simulatedDriverType().orElseThrow(() -> new InstrumentConfigurationException(id,
                "no simulated driver is installed")).factoryPid();
        if (configurator.configuration(id).isPresent()) {
            configurator.delete(id, INSTRUMENT_WAIT); // left behind by a demo that was killed
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", "Onset demo simulator (" + id + ")");
        p.put("timing", "virtual");
        p.put("sampleSeed", seed);
        // The summary sorts pixels by the phase under their commanded position; lateral drift (a few
        // nm/min, hundreds of nm over a 4.8 h map) would move the tip off it unseen by the sensors.
        p.put("driftX", 0.0);
        p.put("driftY", 0.0);
        configurator.create(simulator, id, p, INSTRUMENT_WAIT);
    }

    private MapRecipe recipe(String[] experiment, int size) throws InvalidRecipeException {
        // centred on the 2 µm sample. Topography at the map's own 20 nm: at this spacing the
        // deposits of neighbouring ramps merge into one layer whatever the image resolution, and a
        // finer image would only make the demo slower (its statistics do not use the images)
        double origin = Math.max(0, (2000 - (size - 1) * 20) / 2.0);
        String json = String.format(Locale.ROOT, """
                {
                  "name": "%s, %d x %d at 20 nm, 0 -> -4.2 V at 1.2 V/s",
                  "instrument_id": "%s",
                  "grid": { "nx": %d, "ny": %d, "spacing_nm": 20, "x0_nm": %s, "y0_nm": %s },
                  "order": "serpentine",
                  "ramp": { "start_V": 0, "end_V": -4.2, "rate_V_per_s": 1.2 },
                  "cutoff": %s,
                  "settle_s": 0.1,
                  "sample_rate_Hz": 10000,
                  "limits": { "min_bias_V": -5, "max_bias_V": 1, "max_rate_V_per_s": 5, "watchdog_margin_s": 10 },
                  "topography": { "before": true, "after": true, "pixel_nm": 20 }
                }""", experiment[3], size, size, experiment[1], size, size, origin, origin, experiment[2]);
        return codec.parse(json, "demo recipe " + experiment[0]);
    }


    /** One message for every wrong --size, whether it is no number, negative, 0 or too large. */
    private static final int MAX_SIZE = 90;
    private static final String SIZE_RANGE = "--size must be a whole number 1 … " + MAX_SIZE
            + " (pixels per side; the simulated sample is 2 µm wide)";

    private static int sizeOf(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SIZE_RANGE + ", got '" + text + "'");
        }
    }
}
