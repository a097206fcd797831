package org.onset.ui.maps.internal.parts;

import java.io.IOException;
import java.nio.file.Path;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.ui.maps.internal.MapFiles;
import org.onset.ui.maps.internal.live.MapLoader;
import org.onset.ui.maps.internal.live.MapSnapshot;
import org.onset.ui.maps.internal.view.MapView;

/**
 * One map file (complete or interrupted): its maps, histogram and pixel inspector. The file is
 * opened and its scalars read in a Job; the file stays open for the inspector's reads (also in
 * Jobs) until the part closes.
 */
public class MapFilePart {

    @Inject
    private MPart part;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private MapReaderService reader;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private MapFiles files;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private org.onset.analysis.PhaseMapService phaseMaps;

    private Composite root;
    private Label title;
    private MapView view;
    private volatile MapFile file;
    private volatile long openedNanos;
    private volatile long shownNanos;
    private long startNanos;
    private org.eclipse.swt.widgets.Display display;

    @PostConstruct
    public void create(Composite parent) {
        root = parent;
        display = parent.getDisplay();
        startNanos = System.nanoTime();
        Path path = Path.of(part.getPersistedState().get(MapFiles.FILE_KEY));
        parent.setLayout(new GridLayout(1, false));
        title = new Label(parent, SWT.WRAP);
        title.setText("Opening " + path + " \u2026");
        title.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Composite body = new Composite(parent, SWT.NONE);
        body.setLayout(new FillLayout());
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        view = new MapView(body, index -> {
            MapFile f = file;
            if (f == null) {
                throw new IOException("the map file is not open");
            }
            return f.pixel(index);
        });
        Job job = Job.create("Opening map file " + path.getFileName(), monitor -> {
            try {
                if (reader == null) {
                    throw new IOException("no map reader service is running");
                }
                MapFile f = reader.open(path);
                MapSnapshot s = MapLoader.read(f);
                String[] regions = PhaseMaps.regions(phaseMaps, f);
                openedNanos = System.nanoTime();
                display.asyncExec(() -> {
                    if (root.isDisposed()) {
                        close(f);
                        return;
                    }
                    file = f;
                    view.show(s);
                    view.phases(regions);
                    title.setText(path + ": " + s.grid().nx() + " \u00d7 " + s.grid().ny() + " pixels, "
                            + s.measured() + " measured" + (f.isComplete() ? ", complete" : ", interrupted (resume it from the run control)"));
                    root.layout(true, true);
                    root.update();
                    shownNanos = System.nanoTime();
                });
            } catch (IOException | RuntimeException e) {
                display.asyncExec(() -> {
                    if (!root.isDisposed()) {
                        title.setText("Cannot open " + path + ": " + e.getMessage());
                    }
                });
            }
            return Status.OK_STATUS;
        });
        job.schedule();
    }

    private static void close(MapFile f) {
        try {
            f.close();
        } catch (IOException e) {
            // read-only: nothing was written, nothing to lose
        }
    }

    @PreDestroy
    void dispose() {
        MapFile f = file;
        file = null;
        if (f != null) {
            close(f);
        }
        if (files != null) {
            files.closedLater(display); // the widgets are gone by now, the display is not
        }
    }

    public MapView view() {
        return view;
    }

    /** From part creation to the maps shown on screen, ms; -1 until shown. */
    public double openMillis() {
        return shownNanos == 0 ? -1 : (shownNanos - startNanos) / 1e6;
    }

    public String titleText() {
        return title.getText();
    }
}
