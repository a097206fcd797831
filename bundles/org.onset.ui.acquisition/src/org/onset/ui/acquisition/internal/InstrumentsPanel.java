package org.onset.ui.acquisition.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.registry.DriverRefusedException;
import org.onset.instrument.registry.DriverTimeoutException;
import org.onset.instrument.registry.DriverType;
import org.onset.instrument.registry.Instrument;
import org.onset.instrument.registry.InstrumentConfiguration;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.onset.instrument.registry.InstrumentRegistry;
import org.onset.instrument.registry.InvalidSettingsException;

/**
 * Every instrument of the registry with its status; connect and disconnect; the selected
 * instrument's settings as a form generated from its driver's metatype, checked by the
 * {@link InstrumentConfigurator} as the user types (the same checks and messages as
 * {@code onset drivers set}); simulators added and removed, and their pace. Driver calls run in Jobs.
 */
final class InstrumentsPanel {

    /** How long a configuration change may take to reach the driver (as {@code onset drivers}). */
    static final Duration DRIVER_WAIT = Duration.ofSeconds(30);

    private final InstrumentRegistry registry;
    private final InstrumentConfigurator configurator;
    private final Display display;
    private final Table table;
    private final Button connect;
    private final Button disconnect;
    private final Button remove;
    private final Text newId;
    private Button addSim;
    private final Combo pace;
    private final Text speedup;
    private final Label paceProblem;
    private final Button applyPace;
    private final Group settingsGroup;
    private final Label status;
    private Composite settings;
    private final org.eclipse.swt.custom.ScrolledComposite settingsScroll;
    private Button apply;
    private final Map<String, Control> inputs = new LinkedHashMap<>();
    private final Map<String, Label> problemLabels = new LinkedHashMap<>();
    private final Map<String, String> shownValues = new LinkedHashMap<>();
    private String selectedId;
    /** Set when a configuration changed: the form is rebuilt with the values now configured. */
    private boolean reloadSettings;
    private String formFactoryPid;

    InstrumentsPanel(Composite parent, InstrumentRegistry registry, InstrumentConfigurator configurator) {
        this.registry = registry;
        this.configurator = configurator;
        this.display = parent.getDisplay();
        parent.setLayout(new GridLayout(1, false));
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridData td = new GridData(SWT.FILL, SWT.TOP, true, false);
        td.heightHint = 110;
        table.setLayoutData(td);
        for (String c : new String[] { "Instrument id", "Status", "Simulated", "Driver bundle", "Name" }) {
            new TableColumn(table, SWT.LEFT).setText(c);
        }
        table.addListener(SWT.Selection, e -> selected());

        Composite buttons = new Composite(parent, SWT.NONE);
        buttons.setLayout(new GridLayout(6, false));
        connect = push(buttons, "Connect", () -> driverCall(true));
        disconnect = push(buttons, "Disconnect", () -> driverCall(false));
        remove = push(buttons, "Remove", this::removeSelected);
        new Label(buttons, SWT.NONE).setText("   New simulator id:");
        newId = new Text(buttons, SWT.BORDER);
        newId.setLayoutData(new GridData(120, SWT.DEFAULT));
        newId.setMessage("e.g. sim2");
        addSim = push(buttons, "Add simulator", this::addSimulator);

        Composite paceRow = new Composite(parent, SWT.NONE);
        paceRow.setLayout(new GridLayout(5, false));
        paceRow.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(paceRow, SWT.NONE).setText("Simulator pace:");
        pace = new Combo(paceRow, SWT.READ_ONLY);
        pace.setItems("virtual time (as fast as the CPU allows)", "real time", "real time × N");
        speedup = new Text(paceRow, SWT.BORDER);
        speedup.setLayoutData(new GridData(60, SWT.DEFAULT));
        speedup.setMessage("N");
        applyPace = push(paceRow, "Apply pace", this::applyPace);
        paceProblem = new Label(paceRow, SWT.WRAP);
        paceProblem.setForeground(display.getSystemColor(SWT.COLOR_DARK_RED));
        paceProblem.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        pace.addListener(SWT.Selection, e -> speedup.setEnabled(pace.getSelectionIndex() == 2));

        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        settingsGroup = new Group(parent, SWT.NONE);
        settingsGroup.setText("Settings");
        settingsGroup.setLayout(new GridLayout(1, false));
        settingsGroup.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        settingsScroll = new org.eclipse.swt.custom.ScrolledComposite(settingsGroup, SWT.V_SCROLL | SWT.H_SCROLL);
        settingsScroll.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        settingsScroll.setExpandHorizontal(true);
        settingsScroll.setExpandVertical(true);
        refresh();
    }

    private static Button push(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    /** Re-reads the registry (called on every instrument event). */
    void refresh() {
        if (table.isDisposed()) {
            return;
        }
        table.removeAll();
        List<Instrument> present = registry == null ? List.of() : registry.instruments();
        int select = -1;
        for (Instrument i : present) {
            InstrumentStatus st = i.status();
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { i.id(), st.state() + (st.reason().isEmpty() ? "" : ": " + st.reason()),
                    i.simulated() ? "yes" : "no", i.bundleDescription(), i.name() });
            item.setData(i.id());
            if (i.id().equals(selectedId)) {
                select = table.getItemCount() - 1;
            }
        }
        if (present.isEmpty()) {
            new TableItem(table, SWT.NONE).setText(registry == null ? "(no instrument registry)" : "(no instrument)");
        }
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
        if (select < 0 && !present.isEmpty()) {
            select = 0;
        }
        if (select >= 0) {
            table.select(select);
        }
        selected();
    }

    private Optional<Instrument> selection() {
        int k = table.getSelectionIndex();
        if (k < 0 || registry == null || !(table.getItem(k).getData() instanceof String id)) {
            return Optional.empty();
        }
        return registry.instrument(id);
    }

    private void selected() {
        Optional<Instrument> sel = selection();
        String id = sel.map(Instrument::id).orElse(null);
        boolean sim = sel.map(Instrument::simulated).orElse(false);
        connect.setEnabled(sel.isPresent());
        disconnect.setEnabled(sel.isPresent());
        remove.setEnabled(sel.flatMap(Instrument::factoryPid).isPresent());
        pace.setEnabled(sim);
        applyPace.setEnabled(sim);
        String pid = sel.flatMap(Instrument::factoryPid).orElse(null);
        // status events refresh the table often while a map runs: keep what the user is typing
        if (reloadSettings || id == null || !id.equals(selectedId) || pid == null || !pid.equals(formFactoryPid)) {
            reloadSettings = false;
            selectedId = id;
            if (sim) {
                Object timing = sel.get().properties().get("timing");
                double n = number(sel.get().properties().get("timing.speedup"), 1);
                pace.select("realtime".equals(timing) ? (n == 1 ? 1 : 2) : 0);
                speedup.setText(Numbers.format(n));
            }
            buildSettings(sel.orElse(null));
        }
        speedup.setEnabled(sim && pace.getSelectionIndex() == 2);
    }

    private static double number(Object v, double fallback) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return v == null ? fallback : Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    // ---- the settings form, from the metatype

    private void buildSettings(Instrument instrument) {
        if (settings != null) {
            settings.dispose();
        }
        inputs.clear();
        problemLabels.clear();
        shownValues.clear();
        formFactoryPid = null;
        settings = new Composite(settingsScroll, SWT.NONE);
        settings.setLayout(new GridLayout(3, false));
        settingsScroll.setContent(settings);
        Optional<DriverType> type = instrument == null || configurator == null ? Optional.empty()
                : instrument.factoryPid().flatMap(configurator::driverType);
        if (type.isEmpty()) {
            new Label(settings, SWT.WRAP).setText(instrument == null ? "Select an instrument."
                    : "The driver of '" + instrument.id() + "' declares no configurable settings.");
            settingsGroup.setText("Settings");
            fitSettings();
            return;
        }
        formFactoryPid = type.get().factoryPid();
        settingsGroup.setText("Settings of " + instrument.id() + " (" + type.get().name() + ")");
        Map<String, Object> current = configured(instrument);
        for (DriverType.Setting s : type.get().settings()) {
            if (s.id().equals("instrument.id")) {
                continue;
            }
            Label l = new Label(settings, SWT.NONE);
            l.setText(s.label() + (s.unit().isEmpty() || s.unit().equals("dimensionless") ? "" : " [" + s.unit() + "]"));
            l.setToolTipText(s.description());
            Object v = current.get(s.id());
            String text = v == null ? s.defaultValue() : v instanceof Object[] a ? String.join(",",
                    java.util.Arrays.stream(a).map(String::valueOf).toList()) : String.valueOf(v);
            Control input;
            if (s.type() == Boolean.class) {
                Button b = new Button(settings, SWT.CHECK);
                b.setSelection(Boolean.parseBoolean(text));
                b.addListener(SWT.Selection, e -> check());
                input = b;
            } else if (!s.options().isEmpty()) {
                Combo c = new Combo(settings, SWT.READ_ONLY);
                c.setItems(s.options().toArray(String[]::new));
                c.setText(text);
                c.addListener(SWT.Selection, e -> check());
                input = c;
            } else {
                Text t = new Text(settings, SWT.BORDER);
                t.setText(text);
                t.addListener(SWT.Modify, e -> check());
                input = t;
            }
            input.setToolTipText(s.description());
            input.setLayoutData(new GridData(160, SWT.DEFAULT));
            Label p = new Label(settings, SWT.WRAP);
            p.setForeground(display.getSystemColor(SWT.COLOR_DARK_RED));
            p.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            inputs.put(s.id(), input);
            problemLabels.put(s.id(), p);
            shownValues.put(s.id(), valueOf(input));
        }
        apply = new Button(settings, SWT.PUSH);
        apply.setText("Apply settings");
        apply.addListener(SWT.Selection, e -> applySettings());
        fitSettings();
    }

    private void fitSettings() {
        settingsScroll.setMinSize(settings.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        settingsGroup.layout(true, true);
    }

    private Map<String, Object> configured(Instrument instrument) {
        try {
            return configurator.configuration(instrument.id()).map(InstrumentConfiguration::properties)
                    .orElse(instrument.properties());
        } catch (java.io.IOException e) {
            return instrument.properties();
        }
    }

    private static String valueOf(Control c) {
        if (c instanceof Button b) {
            return Boolean.toString(b.getSelection());
        }
        if (c instanceof Combo c2) {
            return c2.getText();
        }
        return ((Text) c).getText().trim();
    }

    /** The settings the user changed, as text: the configurator types and checks them. */
    Map<String, String> changes() {
        Map<String, String> m = new LinkedHashMap<>();
        inputs.forEach((id, c) -> {
            String v = valueOf(c);
            if (!v.equals(shownValues.get(id))) {
                m.put(id, v);
            }
        });
        return m;
    }

    /** Checks the changed settings as they are typed; returns the problems, by setting. */
    Map<String, String> check() {
        Map<String, String> byField = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        if (formFactoryPid != null) {
            try {
                configurator.check(formFactoryPid, changes());
            } catch (InvalidSettingsException e) {
                for (String p : e.problems()) {
                    String field = inputs.keySet().stream().filter(id -> p.contains("'" + id + "'")).findFirst()
                            .orElse(null);
                    if (field == null) {
                        general.add(p);
                    } else {
                        byField.merge(field, p, (a, b) -> a + "; " + b);
                    }
                }
            }
        }
        problemLabels.forEach((id, l) -> {
            String m = byField.getOrDefault(id, "");
            l.setText(m);
            l.setToolTipText(m);
        });
        if (apply != null && !apply.isDisposed()) {
            apply.setEnabled(byField.isEmpty() && general.isEmpty());
        }
        status.setText(String.join("\n", general));
        settings.layout(true, true);
        settingsScroll.setMinSize(settings.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        return byField;
    }

    String problemShown(String setting) {
        Label l = problemLabels.get(setting);
        return l == null ? "" : l.getText();
    }

    void type(String setting, String text) {
        if (inputs.get(setting) instanceof Text t) {
            t.setText(text);
        }
    }

    // ---- what a user does, for tests

    void pressAddSimulator(String id) {
        newId.setText(id);
        addSim.notifyListeners(SWT.Selection, null);
    }

    void select(String id) {
        for (TableItem item : table.getItems()) {
            if (id.equals(item.getData())) {
                table.setSelection(item);
                table.notifyListeners(SWT.Selection, null);
                return;
            }
        }
        throw new IllegalArgumentException("no instrument '" + id + "' in the table");
    }

    void pressApplyPace(int choice, String n) {
        pace.select(choice);
        pace.notifyListeners(SWT.Selection, null);
        speedup.setText(n);
        applyPace.notifyListeners(SWT.Selection, null);
    }

    String paceProblem() {
        return paceProblem.getText();
    }

    void pressRemove() {
        remove.notifyListeners(SWT.Selection, null);
    }

    Table table() {
        return table;
    }

    String statusText() {
        return status.getText();
    }

    private void applySettings() {
        Map<String, String> changes = changes();
        if (changes.isEmpty() || selectedId == null) {
            status.setText("Nothing changed.");
            return;
        }
        change(selectedId, changes);
    }

    private void applyPace() {
        if (selectedId == null) {
            return;
        }
        Map<String, String> m = new LinkedHashMap<>();
        switch (pace.getSelectionIndex()) {
            case 0 -> m.put("timing", "virtual");
            case 1 -> {
                m.put("timing", "realtime");
                m.put("timing.speedup", "1");
            }
            default -> {
                m.put("timing", "realtime");
                m.put("timing.speedup", speedup.getText().trim());
            }
        }
        try {
            configurator.check(formFactoryPid, m);
            paceProblem.setText("");
        } catch (InvalidSettingsException e) {
            paceProblem.setText(String.join("; ", e.problems()));
            paceProblem.getParent().layout();
            return;
        }
        change(selectedId, m);
    }

    /** Same outcomes and words as {@code onset drivers set}. */
    private void change(String id, Map<String, String> changes) {
        run("Change settings of " + id, () -> {
            try {
                Instrument i = configurator.change(id, changes, DRIVER_WAIT);
                return "updated instrument '" + id + "': " + changes + "; status: " + describe(i.status());
            } catch (DriverRefusedException e) {
                return "the driver refused these settings: " + e.reason() + "\nthe previous settings of '" + id
                        + "' were restored";
            } catch (DriverTimeoutException e) {
                return e.getMessage() + "; see the instrument list";
            } catch (InvalidSettingsException e) {
                return String.join("\n", e.problems()) + "\nnothing was changed";
            }
        });
    }

    private void addSimulator() {
        String id = newId.getText().trim();
        if (id.isEmpty()) {
            status.setText("Type an id for the new simulator.");
            return;
        }
        Optional<DriverType> sim = configurator == null ? Optional.empty() : configurator.simulatedDriverType();
        if (sim.isEmpty()) {
            status.setText("No simulated driver is installed (is the bundle org.onset.instrument.sim active?).");
            return;
        }
        run("Add simulator " + id, () -> {
            try {
                Instrument i = configurator.create(sim.get().factoryPid(), id, Map.of(), DRIVER_WAIT);
                display.asyncExec(() -> selectedId = id);
                return "added simulated instrument '" + id + "'; status: " + describe(i.status());
            } catch (DriverRefusedException e) {
                return "the simulator refused these settings: " + e.reason() + "\ninstrument '" + id + "' was not added";
            } catch (DriverTimeoutException e) {
                return e.getMessage() + "; see the instrument list";
            } catch (InvalidSettingsException e) {
                return String.join("\n", e.problems()) + "\nnothing was changed";
            } catch (org.onset.instrument.registry.InstrumentConfigurationException e) {
                return e.getMessage() + "; choose another id";
            }
        });
    }

    private void removeSelected() {
        String id = selectedId;
        if (id == null) {
            return;
        }
        run("Remove " + id, () -> {
            try {
                configurator.delete(id, DRIVER_WAIT);
                return "removed instrument '" + id + "'";
            } catch (DriverTimeoutException e) {
                return e.getMessage();
            }
        });
    }

    private void driverCall(boolean on) {
        Optional<Instrument> sel = selection();
        if (sel.isEmpty()) {
            return;
        }
        Instrument i = sel.get();
        run((on ? "Connect " : "Disconnect ") + i.id(), () -> {
            if (on) {
                i.driver().connect();
            } else {
                i.driver().disconnect();
            }
            return i.id() + ": " + describe(i.status());
        });
    }

    private static String describe(InstrumentStatus s) {
        return s.state() + (s.reason().isEmpty() ? "" : " (" + s.reason() + ")");
    }

    interface Call {
        String call() throws Exception;
    }

    /** Runs a driver or configuration call in a Job and shows its outcome; the registry's events refresh the table. */
    private void run(String name, Call call) {
        status.setText(name + " …");
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(name, IProgressMonitor.UNKNOWN);
                String outcome;
                try {
                    outcome = call.call();
                } catch (Exception e) {
                    outcome = name + " failed: " + e.getMessage();
                }
                String shown = outcome;
                display.asyncExec(() -> {
                    if (!status.isDisposed()) {
                        status.setText(shown);
                        reloadSettings = true;
                        refresh();
                        status.getParent().layout(true, true);
                    }
                });
                monitor.done();
                return Status.OK_STATUS;
            }
        };
        job.setUser(true);
        job.schedule();
    }
}
