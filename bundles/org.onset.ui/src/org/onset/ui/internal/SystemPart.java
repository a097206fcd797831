package org.onset.ui.internal;

import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.onset.system.SystemInfo;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;

/**
 * What is running: Onset and Java versions, the instrument drivers registered now and every
 * installed bundle with its state. Refresh re-reads everything (drivers come and go at runtime).
 */
public class SystemPart {

    @Inject
    @Optional
    private SystemInfo system;

    private Label versions;
    private Table drivers;
    private Table bundles;

    private BundleContext context;
    private ServiceListener driverListener;

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
        drivers = table(parent, 90, "Instrument id", "Status", "Name", "Vendor / model");
        heading(parent, "Bundles");
        bundles = table(parent, 200, "Bundle", "State", "Version");
        refresh();
        watchDrivers(parent);
    }

    /** Driver bundles come and go at runtime: show it without waiting for a Refresh click. */
    private void watchDrivers(Composite parent) {
        var bundle = FrameworkUtil.getBundle(getClass());
        context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            return;
        }
        driverListener = event -> parent.getDisplay().asyncExec(() -> {
            if (!parent.isDisposed()) {
                refresh();
            }
        });
        try {
            context.addServiceListener(driverListener,
                    "(objectClass=org.onset.instrument.api.InstrumentDriver)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    public void dispose() {
        if (context != null && driverListener != null) {
            context.removeServiceListener(driverListener);
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
        drivers.removeAll();
        List<SystemInfo.DriverSummary> ds = system.drivers();
        if (ds.isEmpty()) {
            new TableItem(drivers, SWT.NONE).setText(new String[] { "(none registered)", "", "", "" });
        }
        for (SystemInfo.DriverSummary d : ds) {
            new TableItem(drivers, SWT.NONE).setText(new String[] { d.instrumentId(), d.status(), d.name(),
                    d.vendor() + " " + d.model() + (d.simulated() ? " (simulated)" : "") });
        }
        bundles.removeAll();
        for (SystemInfo.BundleSummary b : system.bundles()) {
            new TableItem(bundles, SWT.NONE).setText(new String[] { b.symbolicName(), b.state(), b.version() });
        }
        for (Table t : new Table[] { drivers, bundles }) {
            for (TableColumn c : t.getColumns()) {
                c.pack();
            }
        }
        versions.getParent().layout(true, true);
    }

    @Focus
    public void focus() {
        bundles.setFocus();
    }
}
