package org.onset.ui.maps.internal.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MessageBox;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Text;
import org.onset.map.api.MapAttributes;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.PixelResult;
import org.onset.sweep.api.RecipeCodec;
import org.onset.sweep.api.SweepEvents;
import org.onset.sweep.api.SweepProgress;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;
import org.onset.sweep.api.SweepState;
import org.onset.ui.maps.internal.live.RunStats;
import org.osgi.service.event.Event;

/**
 * Run control: start a map from a recipe file, pause after the pixel in flight, resume, abort (bias
 * to 0 V at once), resume an interrupted file; progress, pixels/s, time left in wall-clock and in
 * instrument time. Everything that talks to the sweep service or reads a file runs off the UI
 * thread (a Job, or for abort a thread of its own so that nothing queues before it); state changes
 * arrive as sweep events ({@code @UIEventTopic}), figures from a 4 Hz timer while a map runs.
 */
public class RunControlPart {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private SweepService sweeps;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private RecipeCodec codec;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private MapReaderService reader;

    /**
     * The recipe being edited in the Recipe editor (org.onset.ui.acquisition keeps it in the
     * application context under this key, null while it has problems); used when no recipe file is
     * given. Looked up by name so that this bundle does not depend on the editor's.
     */
    static final String EDITOR_RECIPE = "org.onset.ui.acquisition.recipe";

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @jakarta.inject.Named(EDITOR_RECIPE)
    private MapRecipe editorRecipe;

    /** The editor's Start sends this with its recipe (AcquisitionContext.START_REQUESTED). */
    static final String START_REQUESTED = "org/onset/ui/acquisition/START";
    /** Set while this part exists, so that the editor enables its Start (AcquisitionContext.RUN_CONTROL). */
    static final String RUN_CONTROL = "org.onset.ui.acquisition.runControl";

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private org.eclipse.e4.ui.model.application.MApplication application;

    private Composite root;
    private Text recipeText;
    private Text outputText;
    private String recipeInfo = "";
    private Button start, pause, resume, abort, resumeFile;
    private ProgressBar bar;
    private Label status;
    private Label figures;
    private volatile SweepRun run;
    private RunStats stats = new RunStats(Duration.ofSeconds(5));
    private int statsSeen;
    private final Runnable tick = this::tick;

    @PostConstruct
    public void create(Composite parent) {
        root = parent;
        parent.setLayout(new GridLayout(4, false));
        new Label(parent, SWT.NONE).setText("Recipe:");
        recipeText = new Text(parent, SWT.BORDER);
        recipeText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        recipeText.setMessage("recipe JSON file, e.g. releng/recipes/quick.json; empty: the Recipe editor's recipe");
        Button browse = new Button(parent, SWT.PUSH);
        browse.setText("Browse\u2026");
        browse.addListener(SWT.Selection, e -> chooseRecipe());
        new Label(parent, SWT.NONE).setText("Map file:");
        outputText = new Text(parent, SWT.BORDER);
        outputText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        outputText.setMessage("the .h5 file to write (must not exist)");
        Button browseOut = new Button(parent, SWT.PUSH);
        browseOut.setText("Browse\u2026");
        browseOut.addListener(SWT.Selection, e -> chooseOutput());

        Composite buttons = new Composite(parent, SWT.NONE);
        GridLayout bl = new GridLayout(6, false);
        bl.marginWidth = 0;
        bl.marginHeight = 0;
        buttons.setLayout(bl);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        start = button(buttons, "Start", "Start the map from the recipe into the map file");
        start.addListener(SWT.Selection, e -> start());
        pause = button(buttons, "Pause", "Stop after the pixel in flight (the bias goes to 0 V between pixels)");
        pause.addListener(SWT.Selection, e -> withRun(SweepRun::pause));
        resume = button(buttons, "Resume", "Go on with the next pixel");
        resume.addListener(SWT.Selection, e -> withRun(SweepRun::resume));
        abort = button(buttons, "ABORT (bias 0 V)", "Stop at once: the bias goes to 0 V now; the file can be resumed");
        abort.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_RED));
        abort.addListener(SWT.Selection, e -> abort());
        resumeFile = button(buttons, "Resume file\u2026", "Continue an interrupted map file where it stopped");
        resumeFile.addListener(SWT.Selection, e -> chooseAndResume());

        bar = new ProgressBar(buttons, SWT.HORIZONTAL | SWT.SMOOTH);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));
        figures = new Label(parent, SWT.WRAP);
        figures.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));
        adopt();
        update();
        if (run == null) {
            parent.getDisplay().timerExec(1000, tick);
        }
        if (application != null) {
            application.getContext().set(RUN_CONTROL, Boolean.TRUE);
        }
    }

    /**
     * The recipe editor's Start: the edited recipe, into the file named here or, with none named, a new
     * file under onset.home/maps.
     */
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void startRequested(@org.eclipse.e4.ui.di.UIEventTopic(START_REQUESTED) MapRecipe recipe) {
        if (recipe == null || root == null || root.isDisposed()) {
            return;
        }
        recipeText.setText("");
        if (outputText.getText().isBlank() || Files.exists(Path.of(outputText.getText().trim()))) {
            outputText.setText(defaultOutput(recipe).toString());
        }
        start(recipe);
    }

    /** onset.home/maps/NAME-yyyyMMdd-HHmmss.h5: a new file each time, named after the recipe. */
    static Path defaultOutput(MapRecipe recipe) {
        Path dir = Path.of(System.getProperty("onset.home", System.getProperty("user.home") + "/.onset"), "maps");
        String stem = recipe.name().isBlank() ? "map" : recipe.name().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        stem = stem.isEmpty() ? "map" : stem.length() > 40 ? stem.substring(0, 40) : stem;
        return dir.resolve(stem + "-" + java.time.LocalDateTime.now()
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".h5");
    }

    private static Button button(Composite parent, String text, String tip) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        return b;
    }

    @Focus
    public void focus() {
        start.setFocus();
    }

    @PreDestroy
    void dispose() {
        // timers die with the display's widgets; the editor's Start must know nobody starts maps now
        if (application != null) {
            application.getContext().set(RUN_CONTROL, Boolean.FALSE); // remove() would not reach the editor
        }
    }

    /** The running map, if the part was opened while one runs (e.g. started elsewhere). */
    private void adopt() {
        if (run == null && sweeps != null) {
            sweeps.runs().stream().filter(r -> !r.state().isFinal()).reduce((a, b) -> b).ifPresent(r -> follow(r));
        }
    }

    public SweepRun run() {
        return run;
    }

    public Text recipeField() {
        return recipeText;
    }

    public Text outputField() {
        return outputText;
    }

    public Button startButton() {
        return start;
    }

    public Button pauseButton() {
        return pause;
    }

    public Button resumeButton() {
        return resume;
    }

    public Button abortButton() {
        return abort;
    }

    public String statusText() {
        return status.getText() + "\n" + figures.getText();
    }

    private void chooseRecipe() {
        FileDialog d = new FileDialog(root.getShell(), SWT.OPEN);
        d.setFilterExtensions(new String[] { "*.json", "*" });
        d.setFilterNames(new String[] { "Map recipes (*.json)", "All files" });
        String f = d.open();
        if (f != null) {
            recipeText.setText(f);
            if (outputText.getText().isBlank()) {
                String name = Path.of(f).getFileName().toString().replaceFirst("\\.json$", "");
                outputText.setText(Path.of(System.getProperty("user.home"), name + ".h5").toString());
            }
        }
    }

    private void chooseOutput() {
        FileDialog d = new FileDialog(root.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { "*.h5" });
        d.setOverwrite(false);
        String f = d.open();
        if (f != null) {
            outputText.setText(f);
        }
    }

    /** Start: read the recipe and start the map in a Job; errors come back as a message. */
    public void start() {
        start(editorRecipe);
    }

    private void start(MapRecipe fromEditor) {
        if (sweeps == null || codec == null) {
            error("The sweep service is not running: no map can start.");
            return;
        }
        String recipePath = recipeText.getText().trim();
        if (recipePath.isEmpty() && fromEditor == null) {
            error("Choose a recipe file, or finish the recipe in the Recipe editor (it has problems or is empty).");
            return;
        }
        if (outputText.getText().isBlank() && recipePath.isEmpty()) {
            outputText.setText(defaultOutput(fromEditor).toString());
        }
        String outputPath = outputText.getText().trim();
        if (outputPath.isEmpty()) {
            error("Choose the map file to write first.");
            return;
        }
        start.setEnabled(false);
        status.setText("Starting " + outputPath + " \u2026");
        var display = root.getDisplay();
        Job.create("Starting map " + outputPath, monitor -> {
            try {
                MapRecipe recipe = recipePath.isEmpty() ? fromEditor : codec.read(Path.of(recipePath));
                Path parentDir = Path.of(outputPath).toAbsolutePath().getParent();
                if (parentDir != null && recipePath.isEmpty()) {
                    Files.createDirectories(parentDir); // onset.home/maps on the first map
                }
                if (Files.exists(Path.of(outputPath))) {
                    throw new IOException(outputPath + " exists: choose a new map file, or Resume file\u2026 to continue it");
                }
                SweepRun r = sweeps.start(recipe, Path.of(outputPath), false);
                display.asyncExec(() -> follow(r));
            } catch (Exception e) {
                display.asyncExec(() -> {
                    error("Cannot start the map: " + e.getMessage());
                    update();
                });
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    private void chooseAndResume() {
        FileDialog d = new FileDialog(root.getShell(), SWT.OPEN);
        d.setFilterExtensions(new String[] { "*.h5", "*" });
        String f = d.open();
        if (f != null) {
            resumeFile(Path.of(f));
        }
    }

    /** Continues an interrupted map file: its recipe is read from the file itself. */
    public void resumeFile(Path file) {
        if (sweeps == null || codec == null || reader == null) {
            error("The sweep service or the map reader is not running: nothing can be resumed.");
            return;
        }
        var display = root.getDisplay();
        status.setText("Resuming " + file + " \u2026");
        Job.create("Resuming map " + file, monitor -> {
            try {
                String json;
                boolean complete;
                try (MapFile m = reader.open(file)) {
                    json = m.attributes().get(MapAttributes.RECIPE);
                    complete = m.isComplete();
                }
                if (complete) {
                    throw new IOException(file + " is complete: nothing to resume");
                }
                if (json == null || json.isBlank()) {
                    throw new IOException(file + " holds no recipe attribute: it cannot be resumed");
                }
                MapRecipe recipe = codec.parse(json, file.getFileName().toString());
                SweepRun r = sweeps.start(recipe, file, true);
                display.asyncExec(() -> {
                    outputText.setText(file.toString());
                    follow(r);
                });
            } catch (Exception e) {
                display.asyncExec(() -> error("Cannot resume " + file + ": " + e.getMessage()));
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    private void withRun(java.util.function.Consumer<SweepRun> action) {
        SweepRun r = run;
        if (r != null) {
            action.accept(r); // pause and resume return at once (SweepRun's contract)
            update();
        }
    }

    /**
     * Abort: in a thread of its own, at once, for the run followed and every other unfinished run;
     * without a run, the bias of the instruments goes to 0 V (see {@link AbortAll}).
     */
    public void abort() {
        AbortAll.now(sweeps, null);
        status.setText("Aborting: bias to 0 V \u2026");
    }

    private void follow(SweepRun r) {
        if (root.isDisposed()) {
            return;
        }
        run = r;
        stats = new RunStats(Duration.ofSeconds(5));
        statsSeen = 0;
        recipeInfo = r.recipe().name() + ", " + r.recipe().grid().nx() + " \u00d7 " + r.recipe().grid().ny()
                + " pixels on " + r.recipe().instrumentId();
        if (outputText.getText().isBlank()) {
            outputText.setText(r.output().toString());
        }
        update();
        root.getDisplay().timerExec(-1, tick); // one tick chain only
        root.getDisplay().timerExec(250, tick);
    }

    /**
     * 4 Hz while a map runs, 1 Hz otherwise: a map started elsewhere (another part, a script) is
     * adopted from the service's run list, not only from its STARTED event, which can queue behind
     * thousands of pixel events on a busy machine.
     */
    private void tick() {
        if (root.isDisposed()) {
            return;
        }
        SweepRun r = run;
        if ((r == null || r.state().isFinal()) && sweeps != null) {
            SweepRun newer = sweeps.runs().stream().filter(x -> !x.state().isFinal()).reduce((a, b) -> b).orElse(null);
            if (newer != null && newer != r) {
                follow(newer);
                return; // follow() schedules the next tick
            }
        }
        update();
        r = run;
        root.getDisplay().timerExec(r != null && !r.state().isFinal() ? 250 : 1000, tick);
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void started(@UIEventTopic(SweepEvents.STARTED) Event e) {
        if (root == null || root.isDisposed() || sweeps == null) {
            return;
        }
        String id = (String) e.getProperty(SweepEvents.RUN_ID);
        if (run == null || !run.id().equals(id)) {
            sweeps.runs().stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(this::follow);
        }
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void paused(@UIEventTopic(SweepEvents.PAUSED) Event e) {
        stateChanged(e);
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void resumed(@UIEventTopic(SweepEvents.RESUMED) Event e) {
        stateChanged(e);
        if (run != null && root != null && !root.isDisposed()) {
            root.getDisplay().timerExec(-1, tick);
            root.getDisplay().timerExec(250, tick);
        }
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void completed(@UIEventTopic(SweepEvents.COMPLETED) Event e) {
        stateChanged(e);
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void aborted(@UIEventTopic(SweepEvents.ABORTED) Event e) {
        stateChanged(e);
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void failed(@UIEventTopic(SweepEvents.FAILED) Event e) {
        stateChanged(e);
    }

    private void stateChanged(Event e) {
        if (root != null && !root.isDisposed()) {
            update();
        }
    }

    /** Progress, speed and time left; buttons follow the state. Cheap: SweepRun's getters return at once. */
    private void update() {
        if (root == null || root.isDisposed()) {
            return;
        }
        SweepRun r = run;
        SweepState state = r == null ? null : r.state();
        boolean active = state != null && !state.isFinal();
        start.setEnabled(!active);
        resumeFile.setEnabled(!active);
        pause.setEnabled(state == SweepState.RUNNING);
        resume.setEnabled(state == SweepState.PAUSED);
        abort.setEnabled(true); // always one click away
        if (r == null) {
            status.setText("No map running. Choose a recipe and a new map file, then Start.");
            figures.setText("");
            bar.setSelection(0);
            return;
        }
        SweepProgress p = r.progress();
        bar.setMaximum(Math.max(1, p.total()));
        bar.setSelection(p.done());
        status.setText(String.format(Locale.ROOT, "%s: %d of %d pixels (%.1f %%)%s%s \u2014 %s", state, p.done(),
                p.total(), 100 * p.fraction(), p.faults() > 0 ? ", " + p.faults() + " faulted" : "",
                p.resumedFrom() > 0 ? ", " + p.resumedFrom() + " from an earlier session" : "",
                r.output().getFileName()) + (recipeInfo.isEmpty() ? "" : " (" + recipeInfo + ")")
                + (p.reason().isEmpty() ? "" : "\n" + p.reason()));
        stats.progress(System.nanoTime(), p.done());
        if (active) {
            List<PixelResult> px = r.pixels();
            MapRecipe recipe = r.recipe();
            for (int k = statsSeen; k < px.size(); k++) {
                stats.instrumentTime(px.get(k).samples() / recipe.sampleRateHz() + recipe.settleSeconds());
            }
            statsSeen = px.size();
        }
        int remaining = p.total() - p.done();
        double rate = stats.pixelsPerSecond();
        Optional<Duration> wall = state == SweepState.RUNNING ? stats.wallEta(remaining) : Optional.empty();
        Optional<Duration> instrument = stats.instrumentEta(remaining);
        figures.setText(String.format(Locale.ROOT, "%s pixels/s \u00b7 time left %s (wall clock), %s (instrument time)",
                Double.isFinite(rate) && active ? String.format(Locale.ROOT, "%.1f", rate) : "\u2013",
                wall.map(RunStats::format).orElse("\u2013"), instrument.map(RunStats::format).orElse("\u2013")));
        root.layout(true);
    }

    private void error(String message) {
        if (root.isDisposed()) {
            return;
        }
        MessageBox m = new MessageBox(root.getShell(), SWT.ICON_ERROR | SWT.OK);
        m.setText("Run control");
        m.setMessage(message);
        m.open();
    }
}
