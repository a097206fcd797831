package org.onset.ui.analysis.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.onset.analysis.PhaseMap;
import org.onset.analysis.PhaseMapService;
import org.onset.analysis.report.AnalysisStore;
import org.onset.analysis.report.MapAnalysis;
import org.onset.analysis.report.MapAnalyzer;
import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;

/**
 * Runs the headless analysis of one map file in an Eclipse Job (a 70 × 70 file holds ≈ 1 GB of
 * curves: never on the UI thread), with the same options as {@code onset analyze}, stores the
 * results beside the map file through the {@link AnalysisStore} service (the same sidecar
 * {@code NAME.analysis.h5} that {@code onset analyze} writes), and hands the result or the error to
 * the UI thread. The map file is opened read-only and closed again.
 */
public final class AnalysisJob {

    private AnalysisJob() {
    }

    /**
     * @param options as {@code onset analyze}'s ({@link MapAnalyzer.Options#defaults()} with the tip radius chosen)
     * @param store   where the results are stored; null: not stored (the result says why)
     * @param done   called on the UI thread with the result (stored or not: {@link AnalysedMap#notStored()} says why not)
     * @param failed called on the UI thread with a message naming the file and the reason
     */
    public static Job schedule(Path file, MapReaderService reader, PhaseMapService phaseMaps,
            MapAnalyzer.Options options, AnalysisStore store, Display display, Consumer<AnalysedMap> done,
            Consumer<String> failed) {
        Job job = Job.create("Analysing map file " + file.getFileName(), (IProgressMonitor monitor) -> {
            monitor.beginTask("Analysing " + file.getFileName(), 4);
            long t0 = System.nanoTime();
            try {
                if (reader == null) {
                    throw new IOException("no map reader service is running");
                }
                monitor.subTask("opening " + file);
                try (MapFile map = reader.open(file)) {
                    monitor.worked(1);
                    monitor.subTask("reading topography");
                    TopographyImage before = map.topography("before").orElse(null);
                    TopographyImage after = map.topography("after").orElse(null);
                    // as onset analyze: the phases of the best provider that is no ground truth (the user's mask,
                    // else the data's), compared with a ground truth when there is one (a simulated map)
                    Optional<PhaseMap> phases = phaseMaps == null ? Optional.empty() : phaseMaps.estimatedPhaseMap(map);
                    Optional<PhaseMap> truth = phaseMaps == null ? Optional.empty()
                            : phaseMaps.groundTruth(map)
                                    .filter(t -> phases.isEmpty() || !t.source().equals(phases.get().source()));
                    monitor.worked(1);
                    monitor.subTask("particles, transference, phases");
                    MapAnalysis analysis = MapAnalyzer.analyze(map, phases.orElse(null), truth, options);
                    monitor.worked(1);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    // stored as onset analyze stores it; a failure to store loses nothing on screen: say so, go on
                    Path stored = null;
                    String notStored = null;
                    monitor.subTask("storing the results beside the map file");
                    if (store == null) {
                        notStored = "Results not stored: the analysis store service (bundle org.onset.analysis.hdf5) is "
                                + "not running";
                    } else {
                        try {
                            stored = store.write(file, analysis);
                        } catch (IOException | RuntimeException e) {
                            notStored = "Results not stored in " + AnalysisStore.sidecar(file) + ": "
                                    + why(e, AnalysisStore.sidecar(file))
                                    + " (the results on screen are complete; Analyse again after fixing it)";
                        }
                    }
                    monitor.worked(1);
                    AnalysedMap result = new AnalysedMap(file, analysis, before, after, seconds,
                            Thread.currentThread().getName(), stored, notStored);
                    ui(display, () -> done.accept(result));
                }
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                ui(display, () -> failed.accept("Cannot analyse " + file + ": " + why));
            } finally {
                monitor.done();
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** Why a sidecar could not be written, in words (file-system exceptions often carry only a path). */
    static String why(Exception e, Path sidecar) {
        if (java.nio.file.Files.isDirectory(sidecar)) {
            return "a directory of that name is in the way";
        }
        Throwable t = e;
        // the store wraps the file system's exception; its cause says more
        while (t.getCause() instanceof java.nio.file.FileSystemException && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof java.nio.file.AccessDeniedException) {
            return "no permission to write in the map file's folder";
        }
        if (t instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static void ui(Display display, Runnable r) {
        if (!display.isDisposed()) {
            display.asyncExec(r);
        }
    }
}
