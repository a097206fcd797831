package org.onset.ui.maps.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.IWindowCloseHandler;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.sweep.api.SweepEvents;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;
import org.onset.sweep.api.SweepState;
import org.onset.ui.maps.internal.live.LiveMap;
import org.onset.ui.maps.internal.live.LiveMaps;
import org.onset.ui.maps.internal.live.MapLoader;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Wires the maps bundle into the workbench: follows the sweep service's pixel events into
 * {@link LiveMaps} (an EventAdmin handler, off the UI thread), puts the live maps and the
 * {@link MapFiles} opener into the application context, opens the map files named on the command
 * line ({@code ./onset workbench FILE.h5 …}), and guards closing the window while a map runs.
 */
public class MapsAddon {

    @Inject
    private MApplication app;
    @Inject
    private EModelService models;
    @Inject
    private EPartService parts;
    @Inject
    private IEventBroker broker;

    private ServiceRegistration<EventHandler> registration;
    private BundleContext bundleContext;
    private ServiceTracker<SweepService, SweepService> sweeps;
    private ServiceTracker<MapReaderService, MapReaderService> readers;
    private java.util.concurrent.ScheduledExecutorService poller;
    private final java.util.Set<String> finishedRuns = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @PostConstruct
    void start() {
        bundleContext = FrameworkUtil.getBundle(MapsAddon.class).getBundleContext();
        sweeps = new ServiceTracker<>(bundleContext, SweepService.class, null);
        sweeps.open();
        readers = new ServiceTracker<>(bundleContext, MapReaderService.class, null);
        readers.open();
        LiveMaps live = new LiveMaps(this::runInfo, this::fillFromFile);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, SweepEvents.ALL);
        registration = bundleContext.registerService(EventHandler.class, live, props);
        IEclipseContext ctx = app.getContext();
        ctx.set(LiveMaps.class, live);
        poller = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onset live maps");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> poll(live), 200, 40, java.util.concurrent.TimeUnit.MILLISECONDS);
        String home = System.getProperty("onset.home");
        MapFiles files = new MapFiles(app, models, parts, broker, home == null ? null : Path.of(home));
        ctx.set(MapFiles.class, files);
        ctx.set(org.onset.ui.maps.files.OpenMapFiles.class, files);
    }

    /** Every 40 ms: the new pixels of each unfinished run (and of a finished one until all are in). */
    private void poll(LiveMaps live) {
        try {
            SweepService s = sweeps.getService();
            if (s == null) {
                return;
            }
            for (SweepRun r : s.runs()) {
                if (!finishedRuns.contains(r.id())) {
                    live.sync(r);
                    if (live.complete(r)) {
                        finishedRuns.add(r.id());
                    }
                }
            }
        } catch (RuntimeException e) {
            // a run or service going away between two calls: the next poll sees the new state
        }
    }

    @PreDestroy
    void stop() {
        // Quit (File > Quit, Ctrl+Q) closes the workbench without the window's close handler: a map
        // still running is paused after its pixel in flight and its file closed, as on closing the window
        SweepService s = sweeps.getService();
        if (s != null) {
            for (SweepRun r : s.runs()) {
                if (!r.state().isFinal()) {
                    pauseAndClose(r, null);
                }
            }
        }
        if (poller != null) {
            poller.shutdownNow();
        }
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        sweeps.close();
        readers.close();
    }

    /** Looked up in the service registry each time: the sweep service may come later than the workbench. */
    @SuppressWarnings("unchecked")
    private <T> Optional<T> service(Class<T> type) {
        ServiceTracker<?, ?> t = type == SweepService.class ? sweeps : readers;
        return Optional.ofNullable((T) t.getService());
    }

    private Optional<LiveMaps.RunInfo> runInfo(String runId) {
        return service(SweepService.class).flatMap(s -> s.runs().stream().filter(r -> r.id().equals(runId))
                .findFirst().map(r -> new LiveMaps.RunInfo(r.recipe().grid(), r.output())));
    }

    /** A resumed run: the pixels already in the file are read in a thread of their own. */
    private void fillFromFile(LiveMap map) {
        Thread t = new Thread(() -> {
            Optional<MapReaderService> reader = service(MapReaderService.class);
            if (reader.isEmpty() || map.file() == null) {
                return;
            }
            try (MapFile f = reader.get().open(map.file())) {
                map.putEarlier(MapLoader.read(f));
            } catch (IOException | RuntimeException e) {
                // the live map then shows this run's pixels only; the file part shows everything
            }
        }, "onset live map: earlier pixels of " + map.file());
        t.setDaemon(true);
        t.start();
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void startupComplete(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Object event, Display display) {
        for (MWindow w : app.getChildren()) {
            w.getContext().set(IWindowCloseHandler.class, window -> mayClose(display));
        }
        MapFiles files = app.getContext().get(MapFiles.class);
        for (Path f : mapFileArguments()) {
            try {
                files.open(f);
            } catch (RuntimeException e) {
                System.err.println("onset workbench: cannot open " + f + ": " + e.getMessage());
            }
        }
    }

    /** The application's arguments that name map files (the launcher keeps its own options). */
    static List<Path> mapFileArguments() {
        List<Path> files = new ArrayList<>();
        String[] args = Platform.getApplicationArgs();
        for (String a : args == null ? new String[0] : args) {
            if (a.toLowerCase().endsWith(".h5") || a.toLowerCase().endsWith(".hdf5")) {
                Path p = Path.of(a);
                if (Files.exists(p)) {
                    files.add(p);
                } else {
                    System.err.println("onset workbench: no map file " + p.toAbsolutePath());
                }
            }
        }
        return files;
    }

    /**
     * Closing while a map runs: ask first; on yes, pause after the pixel in flight, then close the
     * file (bias already at 0 V between pixels) so that it can be resumed later from the run control.
     */
    private boolean mayClose(Display display) {
        Optional<SweepService> sweeps = service(SweepService.class);
        List<SweepRun> active = sweeps.map(s -> s.runs().stream().filter(r -> !r.state().isFinal()).toList())
                .orElse(List.of());
        if (active.isEmpty()) {
            return true;
        }
        Shell shell = display.getActiveShell() != null ? display.getActiveShell() : display.getShells()[0];
        SweepRun run = active.get(0);
        // a JFace dialog (an SWT shell, not the platform's message box) so the workbench self-test can
        // find it and answer it like a user; "Keep running" is the default: Enter never stops a map
        org.eclipse.jface.dialogs.MessageDialog ask = new org.eclipse.jface.dialogs.MessageDialog(shell,
                CLOSE_DIALOG_TITLE, null,
                "The map " + run.output().getFileName() + " is " + run.state().name().toLowerCase() + " ("
                        + run.progress().done() + " of " + run.progress().total() + " pixels).\n\n"
                        + "Pause it after the pixel in flight, close its file (it can be resumed later) and quit?",
                org.eclipse.jface.dialogs.MessageDialog.WARNING, 1, PAUSE_AND_QUIT, "Keep running");
        if (ask.open() != 0) {
            return false;
        }
        for (SweepRun r : active) {
            pauseAndClose(r, display);
        }
        return true;
    }

    /** The title and the confirming button of the close question (found by the self-test). */
    public static final String CLOSE_DIALOG_TITLE = "A map is running";
    public static final String PAUSE_AND_QUIT = "Pause and quit";

    static void pauseAndClose(SweepRun run, Display display) {
        run.pause();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        // the pixel in flight finishes first; keep the UI alive meanwhile
        while (run.state() != SweepState.PAUSED && !run.state().isFinal() && System.nanoTime() < deadline) {
            if (display == null || display.isDisposed() || !display.readAndDispatch()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (!run.state().isFinal()) {
            run.abort(); // paused: nothing in flight, so this only closes the file cleanly (resumable)
            try {
                run.awaitFinished(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
