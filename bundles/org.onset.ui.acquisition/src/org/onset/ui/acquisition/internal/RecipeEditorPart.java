package org.onset.ui.acquisition.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.onset.instrument.registry.Instrument;
import org.onset.instrument.registry.InstrumentEvents;
import org.onset.instrument.registry.InstrumentRegistry;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.RecipeCodec;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;
import org.onset.sweep.api.SweepState;
import org.onset.sweep.estimate.StageTiming;
import org.onset.ui.acquisition.AcquisitionContext;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The recipe editor part: presets, open and save JSON through the {@link RecipeCodec}, the
 * {@link RecipeForm}, and a minimal Start that runs the valid recipe in a Job (to be replaced by the
 * run-control part). The valid recipe is published under {@link AcquisitionContext}.
 */
public class RecipeEditorPart {

    @Inject
    @Optional
    private SweepService sweeps;

    @Inject
    @Optional
    private RecipeCodec codec;

    @Inject
    @Optional
    private InstrumentRegistry registry;

    @Inject
    @Optional
    private IEventBroker events;

    @Inject
    @Optional
    private MApplication application;

    @Inject
    @Optional
    private UISynchronize sync;

    private RecipeForm form;
    private Label status;
    private Button start;
    private Combo presets;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite bar = new Composite(parent, SWT.NONE);
        org.eclipse.swt.layout.RowLayout rows = new org.eclipse.swt.layout.RowLayout(SWT.HORIZONTAL);
        rows.wrap = true; // a narrow part puts the buttons on a second line
        rows.center = true;
        bar.setLayout(rows);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(bar, SWT.NONE).setText("Preset");
        presets = new Combo(bar, SWT.READ_ONLY);
        Presets.ALL.forEach(p -> presets.add(p.label()));
        presets.addListener(SWT.Selection, e -> loadPreset(presets.getSelectionIndex()));
        Button open = button(bar, "Open…", e -> open());
        Button save = button(bar, "Save…", e -> save());
        start = button(bar, "Start", e -> start());
        start.setToolTipText("Run the map on its instrument (writes an HDF5 file under onset.home/maps)");
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        open.setEnabled(codec != null);
        save.setEnabled(codec != null);
        form = new RecipeForm(parent, sweeps, this::timingOf, this::publish);
        refreshInstruments();
        if (codec != null) {
            presets.select(0);
            loadPreset(0);
        } else {
            setStatus("The recipe codec service is not available (org.onset.sweep not active).");
        }
    }

    private static Button button(Composite bar, String text, org.eclipse.swt.widgets.Listener l) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, l);
        return b;
    }

    /** Move and scan times of the recipe's instrument, from its settings when it publishes them. */
    private StageTiming timingOf(String instrumentId) {
        if (registry == null) {
            return StageTiming.SIMULATOR;
        }
        return registry.instrument(instrumentId).map(i -> StageTiming.fromSettings(i.properties(), StageTiming.SIMULATOR))
                .orElse(StageTiming.SIMULATOR);
    }

    private void publish(java.util.Optional<MapRecipe> recipe) {
        if (application != null) {
            application.getContext().set(AcquisitionContext.RECIPE, recipe.orElse(null));
        }
        if (events != null) {
            events.post(AcquisitionContext.RECIPE_CHANGED, recipe.orElse(null));
        }
        if (start != null && !start.isDisposed()) {
            start.setEnabled(recipe.isPresent() && sweeps != null);
        }
    }

    @Inject
    @Optional
    void instrumentsChanged(@UIEventTopic(InstrumentEvents.ALL) Event event) {
        // only the list of ids matters here, not the status changes of a running map
        boolean listChanged = InstrumentEvents.ADDED.equals(event.getTopic())
                || InstrumentEvents.REMOVED.equals(event.getTopic());
        if (listChanged && form != null && !form.control().isDisposed()) {
            refreshInstruments();
        }
    }

    private void refreshInstruments() {
        if (registry != null) {
            form.setInstrumentChoices(registry.instruments().stream().map(Instrument::id).toList());
        }
    }

    private void loadPreset(int index) {
        if (index < 0 || codec == null) {
            return;
        }
        Presets.Preset p = Presets.ALL.get(index);
        try {
            form.load(Presets.load(codec, p));
            setStatus("Preset: " + p.file());
        } catch (Exception e) {
            setStatus("Cannot load the preset " + p.file() + ": " + e.getMessage());
        }
    }

    private void open() {
        FileDialog d = new FileDialog(form.control().getShell(), SWT.OPEN);
        d.setFilterExtensions(new String[] { "*.json", "*" });
        String f = d.open();
        if (f == null) {
            return;
        }
        try {
            form.load(codec.read(Path.of(f)));
            setStatus("Opened " + f);
        } catch (Exception e) {
            setStatus("Cannot open " + f + ": " + e.getMessage());
        }
    }

    private void save() {
        java.util.Optional<MapRecipe> r = form.validRecipe();
        if (r.isEmpty()) {
            setStatus("Fix the problems first: only a valid recipe is saved.");
            return;
        }
        FileDialog d = new FileDialog(form.control().getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { "*.json" });
        d.setOverwrite(true);
        String f = d.open();
        if (f == null) {
            return;
        }
        try {
            Files.writeString(Path.of(f), codec.toJson(r.get()) + "\n", StandardCharsets.UTF_8);
            setStatus("Saved " + f);
        } catch (IOException e) {
            setStatus("Cannot save " + f + ": " + e.getMessage());
        }
    }

    /**
     * Minimal Start until a run-control part exists: the map runs in a Job whose progress is the pixel
     * count; cancelling the Job aborts the map (bias to 0 V at once).
     */
    private void start() {
        java.util.Optional<MapRecipe> r = form.validRecipe();
        if (r.isEmpty() || sweeps == null) {
            return;
        }
        MapRecipe recipe = r.get();
        Path dir = Path.of(System.getProperty("onset.home", System.getProperty("user.home") + "/.onset"), "maps");
        String stem = recipe.name().isBlank() ? "map" : recipe.name().replaceAll("[^A-Za-z0-9]+", "-");
        stem = stem.length() > 40 ? stem.substring(0, 40) : stem;
        Path out = dir.resolve(stem + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".h5");
        Job job = new Job("Map " + recipe.name()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                SweepRun run;
                try {
                    Files.createDirectories(dir);
                    run = sweeps.start(recipe, out, false);
                } catch (Exception e) {
                    show("Cannot start: " + e.getMessage());
                    return Status.error("cannot start the map: " + e.getMessage(), e);
                }
                show("Running → " + out);
                monitor.beginTask("Map " + recipe.name() + " → " + out.getFileName(), recipe.pixelCount());
                int shown = 0;
                try {
                    while (!run.awaitFinished(Duration.ofMillis(250))) {
                        if (monitor.isCanceled()) {
                            run.abort();
                        }
                        int done = run.progress().done();
                        monitor.worked(done - shown);
                        shown = done;
                        monitor.subTask(done + " / " + recipe.pixelCount() + " pixels, " + run.state());
                    }
                } catch (InterruptedException e) {
                    run.abort();
                    Thread.currentThread().interrupt();
                }
                SweepState end = run.state();
                show("Map " + end.name().toLowerCase() + ": " + out);
                monitor.done();
                return end == SweepState.COMPLETED ? Status.OK_STATUS
                        : end == SweepState.ABORTED ? Status.CANCEL_STATUS
                                : Status.warning("map ended " + end + ": " + run.progress().reason());
            }
        };
        job.setUser(true);
        job.schedule();
    }

    private void show(String text) {
        if (sync != null) {
            sync.asyncExec(() -> {
                if (!status.isDisposed()) {
                    setStatus(text);
                }
            });
        }
    }

    private void setStatus(String text) {
        status.setText(text);
        status.setToolTipText(text);
        status.getParent().layout();
    }

    @Focus
    public void focus() {
        form.control().setFocus();
    }

    /** Picks a preset as a user does in the menu. */
    void selectPreset(int index) {
        presets.select(index);
        presets.notifyListeners(SWT.Selection, null);
    }

    /** Presses Start as a user does. */
    void pressStart() {
        start.notifyListeners(SWT.Selection, null);
    }

    boolean startEnabled() {
        return start.isEnabled();
    }

    RecipeForm form() {
        return form;
    }

    static List<Presets.Preset> presets() {
        return Presets.ALL;
    }
}
