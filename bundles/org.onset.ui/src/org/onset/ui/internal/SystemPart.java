package org.onset.ui.internal;

import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.registry.Instrument;
import org.onset.instrument.registry.InstrumentEvents;
import org.onset.instrument.registry.InstrumentRegistry;
import org.onset.system.SystemInfo;
import org.osgi.service.event.Event;

/**
 * What is running: Onset and Java versions, the instruments present now (from the instrument
 * registry: id, status, driver bundle, simulated) and every installed bundle with its state. The
 * instrument list follows the registry's events; Refresh re-reads everything.
 */
public class SystemPart {

    @Inject
    @Optional
    private SystemInfo system;

    @Inject
    @Optional
    private InstrumentRegistry instruments;

    private Label versions;
    private Table drivers;
    private Table bundles;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        versions = new Label(parent, SWT.WRAP);
        versions.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Button refresh = new Button(parent, SWT.PUSH);
        refresh.setText("Refresh");
        refresh.setLayoutData(new GridData(SWT.END, SWT.TOP, false, false));
        refresh.addListener(SWT.Selection, e -> refresh());

        heading(parent, "Instrument drivers");
        drivers = table(parent, 90, "Instrument id", "Status", "Simulated", "Driver bundle", "Name");
        heading(parent, "Bundles");
        bundles = table(parent, 200, "Bundle", "State", "Version");
        refresh();
    }

    /**
     * Instruments come and go and change status at runtime: show it without waiting for a Refresh
     * click. Called on the UI thread.
     */
    @Inject
    @Optional
    void instrumentChanged(@UIEventTopic(InstrumentEvents.ALL) Event event) {
        if (drivers != null && !drivers.isDisposed()) {
            showInstruments();
        }
    }

    private static void heading(Composite parent, String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
        l.setFont(Fonts.bold(l, 1.0));
        l.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
    }

    private static Table table(Composite parent, int heightHint, String... columns) {
        Table t = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, heightHint > 100, 2, 1);
        gd.heightHint = heightHint;
        t.setLayoutData(gd);
        for (String c : columns) {
            new TableColumn(t, SWT.LEFT).setText(c);
        }
        return t;
    }

    void refresh() {
        if (system == null) {
            versions.setText("System information service is not available (org.onset.system not active).");
            return;
        }
        versions.setText("Onset " + system.onsetVersion() + "\nJava " + system.javaDescription() + "\n"
                + system.machineDescription());
        showInstruments();
        bundles.removeAll();
        for (SystemInfo.BundleSummary b : system.bundles()) {
            new TableItem(bundles, SWT.NONE).setText(new String[] { b.symbolicName(), b.state(), b.version() });
        }
        for (TableColumn c : bundles.getColumns()) {
            c.pack();
        }
        versions.getParent().layout(true, true);
    }

    /** The instruments present now, from the registry (or from the system information without it). */
    private void showInstruments() {
        drivers.removeAll();
        if (instruments != null) {
            List<Instrument> present = instruments.instruments();
            if (present.isEmpty()) {
                new TableItem(drivers, SWT.NONE).setText(new String[] { "(none registered)", "", "", "", "" });
            }
            for (Instrument i : present) {
                InstrumentStatus st = i.status();
                new TableItem(drivers, SWT.NONE).setText(new String[] { i.id(),
                        st.state() + (st.reason().isEmpty() ? "" : ": " + st.reason()), i.simulated() ? "yes" : "no",
                        i.bundleDescription(), i.name() });
            }
        } else if (system != null) {
            for (SystemInfo.DriverSummary d : system.drivers()) {
                new TableItem(drivers, SWT.NONE).setText(new String[] { d.instrumentId(), d.status(),
                        d.simulated() ? "yes" : "no", d.bundle(), d.name() });
            }
        }
        for (TableColumn c : drivers.getColumns()) {
            c.pack();
        }
    }

    @Focus
    public void focus() {
        bundles.setFocus();
    }
}
