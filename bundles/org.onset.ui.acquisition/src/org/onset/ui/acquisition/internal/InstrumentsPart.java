package org.onset.ui.acquisition.internal;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.swt.widgets.Composite;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.onset.instrument.registry.InstrumentEvents;
import org.onset.instrument.registry.InstrumentRegistry;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** The Instruments part: the {@link InstrumentsPanel}, refreshed by the registry's events. */
public class InstrumentsPart {

    @Inject
    @Optional
    private InstrumentRegistry registry;

    @Inject
    @Optional
    private InstrumentConfigurator configurator;

    private InstrumentsPanel panel;
    private boolean refreshPending;

    /** A running map changes its instrument's status at every ramp: repaint at most this often. */
    static final int REFRESH_MS = 250;

    @PostConstruct
    public void create(Composite parent) {
        panel = new InstrumentsPanel(parent, registry, configurator);
    }

    /** Instruments added, removed or changing status (org/onset/instrument/ADDED|REMOVED|STATUS), on the UI thread. */
    @Inject
    @Optional
    void instrumentChanged(@UIEventTopic(InstrumentEvents.ALL) Event event) {
        if (panel == null || refreshPending) {
            return;
        }
        refreshPending = true;
        panel.table().getDisplay().timerExec(REFRESH_MS, () -> {
            refreshPending = false;
            if (!panel.table().isDisposed()) {
                panel.refresh();
            }
        });
    }

    @Focus
    public void focus() {
        panel.table().setFocus();
    }
}
