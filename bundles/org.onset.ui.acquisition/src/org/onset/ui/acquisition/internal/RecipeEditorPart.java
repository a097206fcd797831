package org.onset.ui.acquisition.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
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
import org.onset.sweep.api.SweepService;
import org.onset.sweep.estimate.StageTiming;
import org.onset.ui.acquisition.AcquisitionContext;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The recipe editor part: presets, open and save JSON through the {@link RecipeCodec}, the
 * {@link RecipeForm}, and Start, which hands the valid recipe to the run control
 * ({@link AcquisitionContext#START_REQUESTED}). The valid recipe is published under {@link AcquisitionContext}.
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

    private RecipeForm form;
    private Label status;
    private Button start;
    private Combo presets;
    private boolean runControl;

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
        // found by the workbench self-test the way a user finds them: by what they are
        presets.setData("onset.field", "preset");
        start.setData("onset.field", "start");
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        open.setEnabled(codec != null);
        save.setEnabled(codec != null);
        form = new RecipeForm(parent, sweeps, this::timingOf, this::publish);
        refreshInstruments();
        enableStart();
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
            start.setEnabled(recipe.isPresent() && sweeps != null && runControl);
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
     * Start hands the valid recipe to the run control (synchronously, through the event broker), so that
     * a map started here is paused, resumed, aborted and shown live like any other: the workbench has one
     * way to start a map. The file name is the run control's (its default: onset.home/maps).
     */
    private void start() {
        java.util.Optional<MapRecipe> r = form.validRecipe();
        if (r.isEmpty()) {
            setStatus("The recipe has problems (shown next to their fields): fix them to start.");
            return;
        }
        if (events == null || !runControl) {
            setStatus("No run control is open: open the Acquisition perspective's Run control to start maps.");
            return;
        }
        events.send(AcquisitionContext.START_REQUESTED, r.get());
        setStatus("Started from the run control: " + r.get().name());
    }

    /** Whether a run control part exists to start the map (it says so in the application context). */
    @Inject
    @Optional
    void runControl(@jakarta.inject.Named(AcquisitionContext.RUN_CONTROL) Boolean present) {
        runControl = Boolean.TRUE.equals(present);
        if (start != null && !start.isDisposed()) {
            enableStart();
        }
    }

    private void enableStart() {
        start.setEnabled(form.validRecipe().isPresent() && sweeps != null && runControl);
        start.setToolTipText(runControl ? "Start this recipe in the run control (writes an HDF5 map file)"
                : "Open the run control (Acquisition perspective) to start maps");
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
