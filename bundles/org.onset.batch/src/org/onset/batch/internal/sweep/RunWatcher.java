package org.onset.batch.internal.sweep;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepState;

/**
 * Drives runs from the command line until they end: redraws the progress bar and, since nobody can
 * press "resume" in a headless run, decides what a pause after a fault means: resume automatically
 * up to {@code maxResumes} times per run, then stop the run (its file stays resumable).
 */
final class RunWatcher {
    private final PrintStream err;
    private final ProgressBar bar;
    private final int maxResumes;
    /** Why each stopped run paused: the fault, before abort() replaces the run's reason. */
    private final Map<SweepRun, String> faultsThatStopped = new HashMap<>();
    /** Since when each run waits for its instrument to come back (its driver went away). */
    private final Map<SweepRun, Long> waitingSince = new HashMap<>();
    /** How long a headless run waits for its instrument before it is stopped (file resumable). */
    private static final long INSTRUMENT_WAIT_NANOS = 60_000_000_000L;

    RunWatcher(PrintStream err, ProgressBar bar, int maxResumes) {
        this.err = err;
        this.bar = bar;
        this.maxResumes = maxResumes;
    }

    /** Waits until every run is final; returns the runs that were stopped after a fault. */
    List<SweepRun> watch(List<SweepRun> runs) throws InterruptedException {
        List<SweepRun> stopped = new ArrayList<>();
        Map<SweepRun, Integer> resumes = new HashMap<>();
        while (runs.stream().anyMatch(r -> !r.state().isFinal())) {
            for (SweepRun r : runs) {
                if (r.state() != SweepState.PAUSED || stopped.contains(r)) {
                    continue;
                }
                if (r.awaitingInstrument()) {
                    // the run goes on by itself when its instrument is back; a resume would not help
                    long since = waitingSince.computeIfAbsent(r, x -> System.nanoTime());
                    if (System.nanoTime() - since > INSTRUMENT_WAIT_NANOS) {
                        bar.finish(runs);
                        err.println("onset: " + r.progress().reason() + "\nonset: the instrument did not come back within "
                                + INSTRUMENT_WAIT_NANOS / 1_000_000_000L + " s; stopping this map");
                        stopped.add(r);
                        faultsThatStopped.put(r, r.progress().reason());
                        r.abort();
                    }
                    continue;
                }
                waitingSince.remove(r);
                String reason = r.progress().reason();
                int used = resumes.getOrDefault(r, 0);
                bar.finish(runs);
                if (used < maxResumes) {
                    resumes.put(r, used + 1);
                    err.println("onset: " + reason + "\nonset: bias set to 0 V; continuing (automatic resume " + (used + 1)
                            + " of " + maxResumes + ")");
                    r.resume();
                } else {
                    err.println("onset: " + reason + "\nonset: bias set to 0 V; stopping this map");
                    stopped.add(r);
                    faultsThatStopped.put(r, reason);
                    r.abort();
                }
            }
            bar.update(runs);
            Thread.sleep(200);
        }
        bar.finish(runs);
        return stopped;
    }

    /** The fault after which this watcher stopped the run; empty when it did not stop it. */
    java.util.Optional<String> faultThatStopped(SweepRun run) {
        return java.util.Optional.ofNullable(faultsThatStopped.get(run));
    }
}
