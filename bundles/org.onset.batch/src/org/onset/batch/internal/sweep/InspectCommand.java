package org.onset.batch.internal.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.onset.analysis.MapStatisticsService;
import org.onset.batch.BatchCommand;
import org.onset.batch.internal.io.FileInspection;
import org.onset.io.api.ImportException;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImporterRegistry;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * {@code onset inspect FILE [--json]}: what a map file holds, and its summary statistics; for any
 * other file, what the importer that recognises it reads (see {@link FileInspection}).
 */
@Component(service = BatchCommand.class)
public final class InspectCommand implements BatchCommand {

    private final MapStatisticsService statistics;
    private final MapReaderService maps;
    /**
     * Optional and dynamic: map files need no importers, so the command works without the io bundles;
     * when they are installed the registry may register a moment after this command (see run).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ImporterRegistry importers;

    /** How long a command started with the framework waits for the importer registry to appear. */
    private static final long REGISTRY_WAIT_MS = 3_000;

    @Activate
    public InspectCommand(@Reference MapStatisticsService statistics, @Reference MapReaderService maps) {
        this.statistics = statistics;
        this.maps = maps;
    }

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String summary() {
        return "a map file's layout and statistics, or what any EPR, Raman or SPM file holds: onset inspect FILE [--json] [--set KEY=VALUE]";
    }

    @Override
    public String usage() {
        return """
                usage: onset inspect FILE [--json] [--set KEY=VALUE ...]
                  Prints what a map file holds: its grid, how many pixels are stored and whether the map is
                  complete, the channels, topography images and attributes (recipe, instrument and its settings),
                  and the statistics of the demo's summary.json computed from the file alone: nucleated fraction,
                  onset bias, the same by region (when a phase-map provider knows the map's regions: the
                  simulator's ground truth for maps measured on the simulated sample) and the overshoot of the
                  cutoff rule. Works on incomplete files too (an interrupted map).
                  Any other file is read by the importer that recognises its content (Bruker BES3T and ESP/WinEPR,
                  Renishaw WDF, Galactic SPC, JCAMP-DX, Raman text exports, Gwyddion GWY/GSF, Nanonis SXM, Igor
                  IBW); then it prints format, importer, kind (spectrum, spectra, map, image), the number of spectra
                  and points, x (quantity, unit, first, last in file order), y of the first spectrum (unit, min,
                  max, x_at_max), map nx × ny, image size in px and m with its channels, z of the first channel,
                  and the metadata (microwave_frequency_GHz, laser_wavelength_nm when the file has them).
                  --json   all of it as one JSON object
                  --set KEY=VALUE  an importer setting, e.g. mdt.content=curves (the curves of an NT-MDT file
                           instead of its images); repeatable
                Exit status: 0 printed, 1 not a readable file, 2 bad arguments or no such file.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path file = null;
        boolean json = false;
        org.onset.batch.internal.io.SettingArguments settings = new org.onset.batch.internal.io.SettingArguments();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--set")) {
                settings.add(++i < args.size() ? args.get(i) : null);
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + a + "'");
            } else if (file != null) {
                throw new IllegalArgumentException("one file at a time, got '" + file + "' and '" + a + "'");
            } else {
                file = Path.of(a);
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("name the map file to inspect");
        }
        if (!Files.exists(file)) {
            err.println("onset inspect: " + file + " does not exist");
            return USAGE;
        }
        JsonObject report;
        String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean mapFile = lower.endsWith(".h5") || lower.endsWith(".hdf5")
                || org.onset.batch.internal.io.ImportCommand.isHdf5(file);
        if (!mapFile) {
            long deadline = System.currentTimeMillis() + REGISTRY_WAIT_MS;
            while (importers == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            ImporterRegistry registry = importers;
            if (registry == null) {
                err.println("onset inspect: " + file.getFileName() + " is not a map file and no importers are installed");
                return FAILURE;
            }
            try {
                report = FileInspection.of(registry.open(file, settings.settings(), ImportMonitor.NONE));
            } catch (ImportException e) {
                err.println("onset inspect: " + e.getMessage());
                return FAILURE;
            }
            if (json) {
                out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                        .serializeSpecialFloatingPointValues().create().toJson(report));
            } else {
                FileInspection.print(report, out);
            }
            return 0;
        }
        try (MapFile reader = maps.open(file)) {
            report = MapInspection.of(reader, statistics);
        } catch (IOException e) {
            err.println("onset inspect: " + e.getMessage());
            return FAILURE;
        }
        if (json) {
            out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create()
                    .toJson(report));
        } else {
            MapInspection.print(report, out);
        }
        return 0;
    }
}
