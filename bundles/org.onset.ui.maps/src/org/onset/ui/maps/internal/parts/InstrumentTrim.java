package org.onset.ui.maps.internal.parts;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.registry.Instrument;
import org.onset.instrument.registry.InstrumentRegistry;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;

/**
 * In the window's trim, in every perspective: the instrument of the running map (else the first one
 * present), its status and its bias output, and an Abort button, so that abort is always one click
 * away. The driver is asked from a background thread four times a second (a real driver's bias read
 * may take a while); the UI thread only shows the last answer.
 */
public class InstrumentTrim {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private InstrumentRegistry instruments;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private SweepService sweeps;

    private Label label;
    private Button abort;
    private ScheduledExecutorService poller;
    private volatile String text = "Instrument: none";
    private volatile double lastBias = Double.NaN;
    private volatile String lastInstrument = "";

    @PostConstruct
    public void create(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginHeight = 0;
        c.setLayout(layout);
        label = new Label(c, SWT.NONE);
        label.setText(pad(text));
        label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        abort = new Button(c, SWT.PUSH);
        abort.setText("ABORT");
        abort.setToolTipText("Abort every running map now; bias to 0 V");
        abort.setForeground(c.getDisplay().getSystemColor(SWT.COLOR_RED));
        abort.addListener(SWT.Selection, e -> AbortAll.now(sweeps, instruments));
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onset instrument trim");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, 250, TimeUnit.MILLISECONDS);
        show();
    }

    /** "Instrument sim: BUSY · bias −2.345 V" padded so the trim does not jump as numbers change. */
    private static String pad(String s) {
        return String.format("%-60s", s);
    }

    private void poll() {
        try {
            Optional<Instrument> i = current();
            if (i.isEmpty()) {
                text = "Instrument: none present";
                lastBias = Double.NaN;
                return;
            }
            InstrumentStatus st = i.get().status();
            double bias = i.get().driver().bias();
            lastBias = bias;
            lastInstrument = i.get().id();
            text = String.format(Locale.ROOT, "Instrument %s: %s \u00b7 bias %+.3f V%s", i.get().id(), st.state(), bias,
                    st.reason().isEmpty() || st.state() != InstrumentStatus.State.FAULT ? "" : " (" + st.reason() + ")");
        } catch (RuntimeException e) {
            text = "Instrument: " + e.getMessage();
        }
    }

    private Optional<Instrument> current() {
        if (instruments == null) {
            return Optional.empty();
        }
        if (sweeps != null) {
            Optional<SweepRun> r = sweeps.runs().stream().filter(x -> !x.state().isFinal()).reduce((a, b) -> b);
            if (r.isEmpty()) {
                r = sweeps.runs().stream().reduce((a, b) -> b);
            }
            if (r.isPresent()) {
                Optional<Instrument> i = instruments.instrument(r.get().recipe().instrumentId());
                if (i.isPresent()) {
                    return i;
                }
            }
        }
        return instruments.instruments().stream().findFirst();
    }

    private void show() {
        if (label.isDisposed()) {
            return;
        }
        String t = pad(text);
        if (!t.equals(label.getText())) {
            label.setText(t);
            label.getParent().layout(true);
        }
        label.getDisplay().timerExec(250, this::show);
    }

    /** The bias last read from the instrument shown, V (NaN when none). */
    public double lastBias() {
        return lastBias;
    }

    public String lastInstrument() {
        return lastInstrument;
    }

    public String text() {
        return text;
    }

    public Button abortButton() {
        return abort;
    }

    @PreDestroy
    void dispose() {
        poller.shutdownNow();
    }
}
