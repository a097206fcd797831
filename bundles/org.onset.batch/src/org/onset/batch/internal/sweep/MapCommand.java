package org.onset.batch.internal.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.onset.batch.BatchCommand;
import org.onset.sweep.api.InstrumentChangedException;
import org.onset.sweep.api.InvalidRecipeException;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.RecipeCodec;
import org.onset.sweep.api.SweepException;
import org.onset.sweep.api.SweepProgress;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;
import org.onset.sweep.api.SweepState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code onset map RECIPE.json -o FILE.h5 [--resume]}: runs one compliance map headless. */
@Component(service = BatchCommand.class)
public final class MapCommand implements BatchCommand {

    /** Exit status when a driver fault stopped the map or left faulted pixels in it. */
    static final int DRIVER_FAULT = 3;
    /** Exit status of a map aborted other than by a fault (the shell's code for SIGINT). */
    static final int INTERRUPTED = 130;

    private final SweepService sweeps;
    private final RecipeCodec codec;

    @Activate
    public MapCommand(@Reference SweepService sweeps, @Reference RecipeCodec codec) {
        this.sweeps = sweeps;
        this.codec = codec;
    }

    @Override
    public String name() {
        return "map";
    }

    @Override
    public String summary() {
        return "run a nucleation map from a recipe: onset map RECIPE.json -o FILE.h5 [--resume]";
    }

    @Override
    public String usage() {
        return """
                usage: onset map RECIPE.json -o FILE.h5 [--resume [--accept-changes]] [--max-faults N]
                  Runs the compliance-controlled map described by RECIPE.json (format: releng/recipes/README.md)
                  on the instrument it names and writes FILE.h5 pixel by pixel.
                  -o, --output FILE.h5  the map file to write (must not exist unless --resume)
                  --resume              continue FILE.h5, left by an interrupted or aborted run of the same recipe;
                                        refused when its instrument or the instrument's settings changed since
                                        (the message names each change)
                  --accept-changes      with --resume: continue on the changed instrument anyway; the file
                                        records the new session and the changes (see onset inspect)
                  --max-faults N        resume automatically after up to N driver faults (default 0: stop at the
                                        first; the faulted pixel is marked in the file and --resume continues)
                Progress goes to stderr. Ctrl-C aborts at once (bias to 0 V); the file can then be resumed.
                Exit status: 0 map complete without faults
                             1 error (the file, the instrument could not be used, an internal error)
                             2 bad arguments or recipe
                             3 driver fault: the map stopped after a fault, or completed with faulted pixels
                           130 interrupted by Ctrl-C (SIGINT), 143 by SIGTERM: bias set to 0 V first""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path recipeFile = null;
        Path output = null;
        boolean resume = false;
        boolean acceptChanges = false;
        int maxFaults = 0;
        for (int k = 0; k < args.size(); k++) {
            String a = args.get(k);
            switch (a) {
            case "-o", "--output" -> output = outputFile(value(args, ++k, a), a);
            case "--resume" -> resume = true;
            case "--accept-changes" -> acceptChanges = true;
            case "--max-faults" -> maxFaults = count(value(args, ++k, a), a);
            default -> {
                if (a.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option '" + a + "'");
                }
                if (recipeFile != null) {
                    throw new IllegalArgumentException("one recipe at a time, got '" + recipeFile + "' and '" + a + "'");
                }
                recipeFile = Path.of(a);
            }
            }
        }
        if (recipeFile == null) {
            throw new IllegalArgumentException("the recipe file is missing");
        }
        if (output == null) {
            throw new IllegalArgumentException("the output file is missing (-o FILE.h5)");
        }
        MapRecipe recipe;
        try {
            recipe = codec.read(recipeFile);
        } catch (NoSuchFileException e) {
            err.println("onset map: the recipe " + recipeFile + " does not exist");
            return USAGE;
        } catch (InvalidRecipeException e) {
            err.println("onset map: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("onset map: cannot read the recipe " + recipeFile + ": " + e.getMessage());
            return USAGE;
        }
        if (acceptChanges && !resume) {
            throw new IllegalArgumentException("--accept-changes only goes with --resume");
        }
        if (!resume && Files.exists(output)) {
            err.println("onset map: " + output + " exists; continue it with --resume, or choose another file");
            return FAILURE;
        }
        // The hook is in place before the instrument is touched: a signal that arrives while the
        // run starts (file creation, topography) waits for the run and aborts it, bias to 0 V,
        // instead of finding no hook (or failing to add one: "Shutdown in progress").
        CompletableFuture<SweepRun> started = new CompletableFuture<>();
        // What the hook says must reach the terminal even while the framework shuts down around it: in
        // about 1 interrupted run in 10 under load neither its line nor the main thread's report came
        // out (exit 130/143 all the same), as if System.err were closed or replaced by then. So the hook
        // writes to file descriptor 2 itself, and its messages' classes are loaded now, not while the
        // bundle's class loader may be going away.
        PrintStream hookErr = err == System.err
                ? new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                        java.nio.charset.StandardCharsets.UTF_8)
                : err;
        warmUp(output);
        Thread abortOnSignal = new Thread(() -> abortOnSignal(started, hookErr), "onset-map-abort");
        try {
            Runtime.getRuntime().addShutdownHook(abortOnSignal);
        } catch (IllegalStateException shuttingDown) {
            err.println("onset map: interrupted before the map started; nothing was measured");
            return INTERRUPTED;
        }
        SweepRun run;
        RunWatcher watcher;
        try {
            try {
                run = sweeps.start(recipe, output, resume, acceptChanges);
                started.complete(run);
            } catch (InstrumentChangedException e) {
                started.completeExceptionally(e);
                err.println("onset map: " + e.getMessage());
                err.println("onset map: to continue on the changed instrument anyway (recorded in the file): add"
                        + " --accept-changes");
                return FAILURE;
            } catch (InvalidRecipeException e) {
                started.completeExceptionally(e);
                err.println("onset map: " + e.getMessage());
                return USAGE;
            } catch (SweepException | RuntimeException e) {
                started.completeExceptionally(e);
                err.println("onset map: " + e.getMessage());
                return FAILURE;
            }
            err.println("onset map: " + recipe.name() + " on '" + recipe.instrumentId() + "' -> " + output
                    + (resume ? " (resuming)" : ""));
            ProgressBar bar = new ProgressBar(err, System.console() != null, List.of(""));
            watcher = new RunWatcher(err, bar, maxFaults);
            watcher.watch(List.of(run));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(abortOnSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it aborts the run; wait for it so its lines come out whole
                try {
                    abortOnSignal.join(15_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return report(run, watcher.faultThatStopped(run), out, err);
    }

    /** Builds each message the signal hook may print once, so that nothing is loaded during shutdown. */
    private static void warmUp(Path output) {
        Duration z = Duration.ZERO;
        SweepProgress p = new SweepProgress(SweepState.ABORTED, 1, 2, 0, 0, z, z, z, z, "");
        String all = interruptedLine(p, output) + interruptedLine(new SweepProgress(SweepState.ABORTED, 2, 2, 0, 0, z,
                z, z, z, ""), output) + completeAfterSignal(p, output);
        if (all.isEmpty()) {
            throw new AssertionError(); // never: keeps the work from being optimised away
        }
    }

    private static String interruptedLine(SweepProgress p, Path output) {
        return "\nonset map: interrupted: bias set to 0 V; " + whatIsLeft(p, output);
    }

    private static String completeAfterSignal(SweepProgress p, Path output) {
        return "\nonset map: interrupted after the map was complete: bias at 0 V; all " + p.total() + " pixels are in "
                + output;
    }

    /** Ctrl-C or SIGTERM: abort the run (bias to 0 V) as soon as it exists, and say what is left. */
    private static void abortOnSignal(CompletableFuture<SweepRun> started, PrintStream err) {
        SweepRun run;
        try {
            run = started.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException notStarted) {
            return; // start failed and said why; the instrument was not ramped
        } catch (TimeoutException | InterruptedException e) {
            err.println("\nonset map: interrupted while the map was starting; it did not start within 15 s");
            return;
        }
        if (!run.state().isFinal()) {
            run.abort();
            try {
                run.awaitFinished(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (run.state() != SweepState.COMPLETED) {
            err.println(interruptedLine(run.progress(), run.output()));
        } else {
            // the signal came as the map completed: the main thread's summary will not be printed
            // (the JVM is exiting), so say here that nothing is left to do
            err.println(completeAfterSignal(run.progress(), run.output()));
        }
    }

    private static int report(SweepRun run, java.util.Optional<String> fault, PrintStream out, PrintStream err) {
        SweepProgress p = run.progress();
        if (run.state() == SweepState.COMPLETED) {
            out.printf(Locale.ROOT, "%s: %d pixels (%d from an earlier run), %d faults, %s running, "
                    + "%.2f ms software overhead per pixel%n", run.output(), p.done(), p.resumedFrom(), p.faults(),
                    ProgressBar.clock(p.elapsed()), p.meanOverhead().toNanos() / 1e6);
            if (p.faults() > 0) {
                // every pixel may have faulted: a complete file is not a successful map
                err.println("onset map: complete, but " + p.faults() + " of " + p.total() + " pixels faulted"
                        + " (marked FAULT in the file, not measured): check the instrument");
                return DRIVER_FAULT;
            }
            return 0;
        }
        int status;
        if (fault.isPresent()) {
            err.println("onset map: stopped after a driver fault: " + fault.get());
            status = DRIVER_FAULT;
        } else {
            err.println("onset map: " + run.state().name().toLowerCase(Locale.ROOT) + ": " + p.reason());
            status = run.state() == SweepState.ABORTED ? INTERRUPTED : FAILURE;
        }
        if (run.state() != SweepState.FAILED || Files.exists(run.output())) {
            err.println("onset map: " + whatIsLeft(p, run.output()));
        }
        return status;
    }

    /**
     * What an interrupted run leaves. A run that ends ABORTED did not mark its file complete, even with
     * every pixel stored (stopped on the last pixel, after a fault there, or during the after-topography):
     * --resume then only finishes it, and the message says so instead of counting pixels to go.
     */
    static String whatIsLeft(SweepProgress p, Path output) {
        String how = "onset map RECIPE.json -o " + output + " --resume";
        if (p.done() >= p.total()) {
            return "all " + p.total() + " pixels are in " + output + ", but the map was stopped before it was"
                    + " finished (marked complete, after-topography if any); finish it with: " + how;
        }
        return p.done() + " of " + p.total() + " pixels are in " + output + "; continue with: " + how;
    }

    /** The map file named on the command line: a file name, not "" (the current directory). */
    static Path outputFile(String text, String option) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(option + " needs a file name, got an empty one");
        }
        Path file;
        try {
            file = Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a usable file name: " + e.getReason());
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a directory; name the map file, e.g. "
                    + file.resolve("map.h5"));
        }
        return file;
    }

    static String value(List<String> args, int k, String option) {
        if (k >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(k);
    }

    static int count(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a whole number >= 0, got '" + text + "'");
    }
}
