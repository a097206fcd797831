package org.onset.ui.maps.internal.parts;

import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.registry.Instrument;
import org.onset.instrument.registry.InstrumentRegistry;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;

/**
 * The abort button's action, shared by the run control and the window trim. It runs on a thread
 * of its own, started at once: a Job could wait behind others, and the UI thread must not wait on
 * a driver. Every unfinished run is aborted (the sweep calls the driver's abort, which sets the bias
 * to 0 V before it returns); with no run and an instrument registry, every connected instrument gets
 * 0 V directly.
 */
final class AbortAll {

    private AbortAll() {
    }

    static Thread now(SweepService sweeps, InstrumentRegistry instruments) {
        Thread t = new Thread(() -> {
            boolean any = false;
            if (sweeps != null) {
                for (SweepRun r : sweeps.runs()) {
                    if (!r.state().isFinal()) {
                        r.abort();
                        any = true;
                    }
                }
            }
            if (!any && instruments != null) {
                for (Instrument i : instruments.instruments()) {
                    try {
                        if (i.status().state() != InstrumentStatus.State.OFFLINE) {
                            i.driver().abort();
                            i.driver().setBias(0);
                        }
                    } catch (RuntimeException e) {
                        // a driver that refuses in its state already has its output at 0 V (its contract); go on
                    }
                }
            }
        }, "onset abort");
        t.setPriority(Thread.MAX_PRIORITY);
        t.start();
        return t;
    }
}
