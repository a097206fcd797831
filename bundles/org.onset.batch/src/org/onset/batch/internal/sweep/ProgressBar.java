package org.onset.batch.internal.sweep;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.onset.sweep.api.SweepProgress;
import org.onset.sweep.api.SweepRun;

/**
 * A progress bar for one or more runs on stderr: redrawn in place on a terminal, one line per 5 %
 * otherwise (so that a log file stays readable).
 */
final class ProgressBar {
    private final PrintStream err;
    private final boolean terminal;
    private final List<String> labels;
    private int lastBucket = -1;
    private int lastWidth;

    ProgressBar(PrintStream err, boolean terminal, List<String> labels) {
        this.err = err;
        this.terminal = terminal;
        this.labels = labels;
    }

    void update(List<SweepRun> runs) {
        StringBuilder line = new StringBuilder();
        int done = 0;
        int total = 0;
        for (int k = 0; k < runs.size(); k++) {
            SweepProgress p = runs.get(k).progress();
            done += p.done();
            total += p.total();
            if (k > 0) {
                line.append(" | ");
            }
            line.append(segment(labels.get(k), p, runs.size() == 1 ? 30 : 16));
        }
        if (terminal) {
            String s = line.toString();
            err.print("\r" + s + " ".repeat(Math.max(0, lastWidth - s.length())));
            lastWidth = s.length();
            err.flush();
        } else {
            int bucket = total == 0 ? 20 : done * 20 / total;
            if (bucket != lastBucket) {
                lastBucket = bucket;
                err.println(line);
            }
        }
    }

    /** Ends the bar's line so that what follows starts on a fresh one. */
    void finish(List<SweepRun> runs) {
        lastBucket = -1;
        update(runs);
        if (terminal) {
            err.println();
        }
    }

    static String segment(String label, SweepProgress p, int width) {
        int filled = (int) Math.round(p.fraction() * width);
        String bar = "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "");
        StringBuilder s = new StringBuilder();
        if (!label.isEmpty()) {
            s.append(label).append(' ');
        }
        s.append('[').append(bar).append("] ").append(p.done()).append('/').append(p.total())
                .append(String.format(Locale.ROOT, " %3.0f%%", p.fraction() * 100));
        s.append(" ").append(clock(p.elapsed()));
        p.etaIfKnown().ifPresent(eta -> s.append(" ETA ").append(clock(eta)));
        if (p.faults() > 0) {
            s.append(" ").append(p.faults()).append(p.faults() == 1 ? " fault" : " faults");
        }
        switch (p.state()) {
        case PAUSED -> s.append(" PAUSED");
        case COMPLETED -> s.append(" done");
        case ABORTED -> s.append(" aborted");
        case FAILED -> s.append(" FAILED");
        default -> {
        }
        }
        return s.toString();
    }

    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
