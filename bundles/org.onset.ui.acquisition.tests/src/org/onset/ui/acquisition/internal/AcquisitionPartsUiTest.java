package org.onset.ui.acquisition.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.onset.instrument.registry.InstrumentRegistry;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.RecipeCodec;
import org.onset.sweep.api.SweepService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Acquisition parts on a real display (./onset test runs Xvfb) with the real services: the
 * recipe editor made by e4 dependency injection the way the workbench makes it, each preset loaded,
 * invalid values typed and their problems found next to their fields, the instruments' settings
 * form. Screenshots go to target/screenshots/ of this bundle.
 */
class AcquisitionPartsUiTest {

    private static Display display;
    private static Shell shell;
    private static Path shots;
    private static BundleContext context;

    @BeforeAll
    static void open() throws Exception {
        context = FrameworkUtil.getBundle(AcquisitionPartsUiTest.class).getBundleContext();
        for (Bundle b : context.getBundles()) {
            String n = b.getSymbolicName();
            if ((n.equals("org.onset.sweep") || n.equals("org.onset.instrument.sim") || n.equals("org.onset.storage.hdf5")
                    || n.equals("org.onset.instrument.registry")) && b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setSize(1350, 1050);
        shell.setLayout(new FillLayout());
        shell.open();
        shots = repository().resolve("bundles/org.onset.ui.acquisition.tests/target/screenshots");
        Files.createDirectories(shots);
    }

    @AfterAll
    static void close() {
        if (shell != null) {
            shell.dispose();
        }
    }

    static Path repository() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isDirectory(d.resolve("releng/recipes"))) {
            d = d.getParent();
        }
        assertNotNull(d, "repository root above " + Path.of("").toAbsolutePath());
        return d;
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        T s = t.waitForService(30_000);
        assertNotNull(s, type.getSimpleName() + " is registered");
        return s;
    }

    private static void settle(BooleanSupplier until, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end && !until.getAsBoolean()) {
            while (display.readAndDispatch()) {
                // paint and run async work
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        while (display.readAndDispatch()) {
            // last paints
        }
    }

    private static void screenshot(String name) throws Exception {
        shell.layout(true, true);
        settle(() -> false, Duration.ofMillis(300));
        Image img = new Image(display, shell.getClientArea().width, shell.getClientArea().height);
        GC gc = new GC(shell);
        gc.copyArea(img, 0, 0);
        gc.dispose();
        ImageLoader l = new ImageLoader();
        l.data = new ImageData[] { img.getImageData() };
        l.save(shots.resolve(name + ".png").toString(), SWT.IMAGE_PNG);
        img.dispose();
    }

    private RecipeEditorPart editor(Composite parent) throws Exception {
        IEclipseContext ctx = EclipseContextFactory.create("acquisition-test");
        ctx.set(SweepService.class, service(SweepService.class));
        ctx.set(RecipeCodec.class, service(RecipeCodec.class));
        ctx.set(InstrumentRegistry.class, service(InstrumentRegistry.class));
        ctx.set(Composite.class, parent);
        return ContextInjectionFactory.make(RecipeEditorPart.class, ctx);
    }

    @Test
    void presetsShipUnchangedFromReleng() throws Exception {
        for (Presets.Preset p : Presets.ALL) {
            assertArrayEquals(Files.readAllBytes(repository().resolve("releng/recipes").resolve(p.file())),
                    Presets.json(p).getBytes(java.nio.charset.StandardCharsets.UTF_8), p.file());
        }
        try (var files = Files.list(repository().resolve("releng/recipes"))) {
            assertEquals(Presets.ALL.size(), files.filter(f -> f.toString().endsWith(".json")).count(),
                    "every example recipe is a preset");
        }
    }

    @Test
    void eachPresetLoadsIntoTheEditorAndComesBackEqual() throws Exception {
        RecipeCodec codec = service(RecipeCodec.class);
        Composite host = new Composite(shell, SWT.NONE);
        try {
            RecipeEditorPart part = editor(host);
            RecipeForm form = part.form();
            for (int k = 0; k < Presets.ALL.size(); k++) {
                Presets.Preset p = Presets.ALL.get(k);
                part.selectPreset(k);
                MapRecipe expected = codec.read(repository().resolve("releng/recipes").resolve(p.file()));
                assertTrue(form.problems().isEmpty(), p.file() + ": " + form.problems());
                assertEquals(expected, form.validRecipe().orElseThrow(), p.file());
                assertEquals(expected, codec.parse(codec.toJson(form.validRecipe().get()), p.file()), p.file());
                assertTrue(form.estimateText().startsWith("Instrument time ≈"), form.estimateText());
                screenshot("recipe-preset-" + p.file().replace(".json", ""));
            }
        } finally {
            host.dispose();
        }
    }

    @Test
    void invalidValuesAreShownNextToTheirFieldsAsTheyAreTyped() throws Exception {
        Composite host = new Composite(shell, SWT.NONE);
        try {
            RecipeEditorPart part = editor(host);
            RecipeForm form = part.form();
            part.selectPreset(0);
            assertEquals("", form.problemShown("grid.spacing_x_nm"));
            form.setText("grid.spacing_x_nm", "-20");
            assertTrue(form.problemShown("grid.spacing_x_nm").contains("must be a finite spacing > 0 nm, got -20"),
                    form.problemShown("grid.spacing_x_nm"));
            form.setText("ramp.rate_V_per_s", "fast");
            assertTrue(form.problemShown("ramp.rate_V_per_s").contains("must be a number, got 'fast'"),
                    form.problemShown("ramp.rate_V_per_s"));
            form.setText("ramp.rate_V_per_s", "9");
            assertTrue(form.problemShown("ramp.rate_V_per_s").contains("exceeds limits.max_rate_V_per_s = 5 V/s"),
                    form.problemShown("ramp.rate_V_per_s"));
            form.setText("cutoff", "any(current -10 pA, heigth 8 nm)");
            assertTrue(form.problemShown("cutoff").contains("got 'heigth'"), form.problemShown("cutoff"));
            // a rule that does not parse does not hide the other fields' problems
            assertTrue(form.problemShown("grid.spacing_x_nm").contains("got -20"), form.problemShown("grid.spacing_x_nm"));
            assertTrue(form.problemShown("ramp.rate_V_per_s").contains("exceeds"), form.problemShown("ramp.rate_V_per_s"));
            assertTrue(form.validRecipe().isEmpty());
            screenshot("recipe-invalid");
            form.setText("grid.spacing_x_nm", "20");
            form.setText("ramp.rate_V_per_s", "1.2");
            form.setText("cutoff", "any(current -10 pA, height 8 nm)");
            assertEquals("", form.problemShown("grid.spacing_x_nm"));
            assertTrue(form.validRecipe().isPresent(), form.problems().toString());
        } finally {
            host.dispose();
        }
    }

    @Test
    void theFastApproachShowsWhatItSavesAndRefusesToPassTheOnset() throws Exception {
        Composite host = new Composite(shell, SWT.NONE);
        try {
            RecipeEditorPart part = editor(host);
            RecipeForm form = part.form();
            part.selectPreset(0);
            Button on = (Button) form.input(RecipeForm.APPROACH_ON);
            on.setSelection(true);
            on.notifyListeners(SWT.Selection, null);
            assertTrue(form.validRecipe().isPresent(), form.problems().toString());
            assertEquals(2, form.validRecipe().get().ramp().segments().size());
            assertTrue(form.approachText().startsWith("saves 1.773 s per pixel, 2 h 24 min on this map"),
                    form.approachText());
            assertTrue(form.estimateText().contains("Fast approach saves 2 h 24 min"), form.estimateText());
            screenshot("recipe-fast-approach");
            form.setText(RecipeForm.APPROACH_V, "-3.3");
            assertTrue(form.problemShown(RecipeForm.APPROACH_V).contains("thermodynamic onset"),
                    form.problemShown(RecipeForm.APPROACH_V));
            form.setText(RecipeForm.APPROACH_V, "-2.8");
            form.setText(RecipeForm.APPROACH_RATE, "7");
            // the validator names ramp.rate_V_per_s: with an approach in front that is the approach's row
            assertTrue(form.problemShown(RecipeForm.APPROACH_RATE).contains("exceeds limits.max_rate_V_per_s"),
                    form.problemShown(RecipeForm.APPROACH_RATE));
            assertEquals("", form.problemShown("ramp.rate_V_per_s"));
        } finally {
            host.dispose();
        }
    }

    @Test
    void aSimulatorIsAddedPacedAndRemovedFromThePanel() throws Exception {
        InstrumentRegistry registry = service(InstrumentRegistry.class);
        InstrumentConfigurator configurator = service(InstrumentConfigurator.class);
        String id = "ui-added-sim";
        Composite host = new Composite(shell, SWT.NONE);
        try {
            InstrumentsPanel panel = new InstrumentsPanel(host, registry, configurator);
            shell.layout(true, true);
            panel.pressAddSimulator(id);
            settle(() -> panel.statusText().startsWith("added simulated instrument '" + id + "'"), Duration.ofSeconds(40));
            assertTrue(panel.statusText().startsWith("added simulated instrument '" + id + "'"), panel.statusText());
            panel.select(id);
            panel.pressApplyPace(2, "ten");
            assertEquals("setting 'timing.speedup' must be a number, got 'ten'", panel.paceProblem());
            // a number the simulator refuses: rolled back, in the words of onset drivers set
            panel.pressApplyPace(2, "0");
            settle(() -> panel.statusText().contains("refused"), Duration.ofSeconds(40));
            assertTrue(panel.statusText().startsWith("the driver refused these settings: ")
                    && panel.statusText().endsWith("the previous settings of '" + id + "' were restored"),
                    panel.statusText());
            panel.pressApplyPace(2, "25");
            settle(() -> panel.statusText().startsWith("updated instrument '" + id + "'"), Duration.ofSeconds(40));
            assertTrue(panel.statusText().startsWith("updated instrument '" + id + "'"), panel.statusText());
            var props = configurator.configuration(id).orElseThrow().properties();
            assertEquals("realtime", props.get("timing"));
            assertEquals(25.0, ((Number) props.get("timing.speedup")).doubleValue(), 0);
            screenshot("instruments-paced-simulator");
            panel.select(id);
            panel.pressRemove();
            settle(() -> panel.statusText().startsWith("removed instrument '" + id + "'"), Duration.ofSeconds(40));
            assertTrue(registry.instrument(id).isEmpty(), "removed from the registry");
        } finally {
            host.dispose();
            if (configurator.configuration(id).isPresent()) {
                configurator.delete(id, Duration.ofSeconds(30));
            }
        }
    }

    /**
     * The editor's Start hands the edited recipe to the run control (the workbench has one way to start
     * a map; releng/ui-maps-test.sh runs the whole path in the real workbench): here the run control is
     * stood in for by whoever listens on the topic, and the editor must send exactly the recipe it shows,
     * and only while a run control exists.
     */
    @Test
    void startHandsTheEditedRecipeToTheRunControl() throws Exception {
        Composite host = new Composite(shell, SWT.NONE);
        java.util.List<Object[]> sent = new java.util.ArrayList<>();
        IEclipseContext ctx = EclipseContextFactory.create("acquisition-start-test");
        ctx.set(SweepService.class, service(SweepService.class));
        ctx.set(RecipeCodec.class, service(RecipeCodec.class));
        ctx.set(InstrumentRegistry.class, service(InstrumentRegistry.class));
        ctx.set(Composite.class, host);
        ctx.set(org.eclipse.e4.core.services.events.IEventBroker.class, recordingBroker(sent));
        try {
            RecipeEditorPart part = ContextInjectionFactory.make(RecipeEditorPart.class, ctx);
            part.selectPreset(2); // quick look, 10 x 10 on 'sim'
            part.form().setText("name", "UI start test");
            assertFalse(part.startEnabled(), "no run control yet: nobody would start the map");
            ctx.set(org.onset.ui.acquisition.AcquisitionContext.RUN_CONTROL, Boolean.TRUE);
            assertTrue(part.startEnabled(), part.form().problems().toString());
            part.pressStart();
            java.util.List<Object[]> starts = sent.stream()
                    .filter(e -> e[0].equals(org.onset.ui.acquisition.AcquisitionContext.START_REQUESTED)).toList();
            assertEquals(1, starts.size(), "one start request");
            MapRecipe recipe = (MapRecipe) starts.get(0)[1];
            assertEquals("UI start test", recipe.name());
            assertEquals(10, recipe.grid().nx());
            assertEquals(part.form().validRecipe().orElseThrow(), recipe, "exactly the recipe shown");
            part.form().setText("grid.nx", "-3");
            assertFalse(part.startEnabled(), "a recipe with problems cannot start");
            ctx.set(org.onset.ui.acquisition.AcquisitionContext.RUN_CONTROL, Boolean.FALSE); // as a closed run control says
            part.form().setText("grid.nx", "10");
            assertFalse(part.startEnabled(), "the run control closed: Start is off again");
        } finally {
            host.dispose();
            ctx.dispose();
        }
    }

    /** Records what is sent or posted; the workbench's broker delivers through EventAdmin instead. */
    private static org.eclipse.e4.core.services.events.IEventBroker recordingBroker(java.util.List<Object[]> sent) {
        return new org.eclipse.e4.core.services.events.IEventBroker() {
            @Override
            public boolean send(String topic, Object data) {
                sent.add(new Object[] { topic, data });
                return true;
            }

            @Override
            public boolean post(String topic, Object data) {
                sent.add(new Object[] { topic, data });
                return true;
            }

            @Override
            public boolean subscribe(String topic, org.osgi.service.event.EventHandler eventHandler) {
                return true;
            }

            @Override
            public boolean subscribe(String topic, String filter, org.osgi.service.event.EventHandler eventHandler,
                    boolean headless) {
                return true;
            }

            @Override
            public boolean unsubscribe(org.osgi.service.event.EventHandler eventHandler) {
                return true;
            }
        };
    }

    @Test
    void instrumentsAreListedAndTheirSettingsCheckedAsTyped() throws Exception {
        InstrumentRegistry registry = service(InstrumentRegistry.class);
        InstrumentConfigurator configurator = service(InstrumentConfigurator.class);
        String id = "ui-test-sim";
        configurator.create(configurator.simulatedDriverType().orElseThrow().factoryPid(), id,
                java.util.Map.of("timing", "virtual"), Duration.ofSeconds(30));
        Composite host = new Composite(shell, SWT.NONE);
        try {
            InstrumentsPanel panel = new InstrumentsPanel(host, registry, configurator);
            shell.layout(true, true);
            int row = -1;
            for (TableItem item : panel.table().getItems()) {
                if (id.equals(item.getData())) {
                    row = panel.table().indexOf(item);
                    assertEquals("yes", item.getText(2), "simulated");
                    assertTrue(item.getText(3).startsWith("org.onset.instrument.sim "), item.getText(3));
                }
            }
            assertTrue(row >= 0, "the new simulator is listed");
            panel.table().select(row);
            panel.table().notifyListeners(SWT.Selection, null);
            panel.type("timing.speedup", "fast");
            assertEquals("setting 'timing.speedup' must be a number, got 'fast'", panel.problemShown("timing.speedup"));
            panel.type("bias.maxRate", "50");
            assertEquals("", panel.problemShown("bias.maxRate"));
            screenshot("instruments-invalid-setting");
            panel.type("timing.speedup", "1");
            assertTrue(panel.check().isEmpty());
            assertFalse(panel.changes().isEmpty());
        } finally {
            host.dispose();
            configurator.delete(id, Duration.ofSeconds(30));
        }
    }
}
