package org.onset.ui.maps.internal.parts;

import java.io.IOException;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.map.api.PixelRecord;
import org.onset.ui.maps.internal.live.LiveMap;
import org.onset.ui.maps.internal.live.LiveMaps;
import org.onset.ui.maps.internal.live.RepaintThrottle;
import org.onset.ui.maps.internal.view.MapView;

/**
 * The maps of the running (or last) map, filling in as pixels finish, with the onset histogram and
 * the pixel inspector. The maps are not repainted per pixel event: a 20 ms timer on the UI thread
 * looks at the live map's version and repaints at most every {@value #REPAINT_MS} ms when it changed,
 * however fast pixels come. Clicking a pixel reads its curve from the map file in a Job — the file the
 * sweep writes (HDF5 readers in the same process see what the writer flushed), opened afresh for each
 * pixel so that the pixels stored since are visible.
 */
public class LiveMapsPart {

    /** Shortest time between two repaints: ≤ 25 updates per second. */
    static final int REPAINT_MS = 40;

    @Inject
    private LiveMaps live;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private MapReaderService reader;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private org.onset.analysis.PhaseMapService phaseMaps;

    private Composite root;
    private Label title;
    private MapView view;
    private final RepaintThrottle throttle = new RepaintThrottle(REPAINT_MS);
    private LiveMap shown;

    @PostConstruct
    public void create(Composite parent) {
        root = parent;
        parent.setLayout(new GridLayout(1, false));
        title = new Label(parent, SWT.NONE);
        title.setText("Live maps: start a map in the run control; the maps fill in as pixels finish.");
        title.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Composite body = new Composite(parent, SWT.NONE);
        body.setLayout(new FillLayout());
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        view = new MapView(body, this::readPixel);
        parent.getDisplay().timerExec(20, this::tick);
    }

    private PixelRecord readPixel(int index) throws IOException {
        LiveMap m = shown;
        if (m == null || m.file() == null || reader == null) {
            throw new IOException("no map file to read the pixel from");
        }
        try (MapFile f = reader.open(m.file())) {
            return f.pixel(index);
        }
    }

    private void tick() {
        if (root.isDisposed()) {
            return;
        }
        if (!root.isVisible()) {
            // another perspective is shown: nothing to draw, look again later
            root.getDisplay().timerExec(200, this::tick);
            return;
        }
        LiveMap m = live.latest().orElse(null);
        if (m != null) {
            if (m != shown) {
                shown = m;
                throttle.invalidate();
                phasesOf(m);
                title.setText("Live maps: " + (m.file() == null ? m.runId() : m.file().toString()));
            }
            long now = System.nanoTime();
            if (throttle.due(m.version(), now)) {
                view.show(m.snapshot());
                // the next repaint is due REPAINT_MS after this one started, not a fixed delay after it
                // ended: a fixed 20 ms poll on top of the paint time gave 17–18 updates/s, not 25
                long spentMs = (System.nanoTime() - now) / 1_000_000L;
                root.getDisplay().timerExec((int) Math.max(5, REPAINT_MS - spentMs), this::tick);
                return;
            }
            view.flush();
        }
        root.getDisplay().timerExec(10, this::tick);
    }

    /** The phase map of the running map's file, in a Job, for the histogram by phase. */
    private void phasesOf(LiveMap m) {
        if (m.file() == null || reader == null || phaseMaps == null) {
            return;
        }
        var display = root.getDisplay();
        org.eclipse.core.runtime.jobs.Job job = org.eclipse.core.runtime.jobs.Job.create("Phase map of " + m.file().getFileName(), monitor -> {
            String[] regions;
            try (MapFile f = reader.open(m.file())) {
                regions = PhaseMaps.regions(phaseMaps, f);
            } catch (IOException | RuntimeException e) {
                regions = null;
            }
            String[] found = regions;
            if (found != null) {
                display.asyncExec(() -> {
                    if (!root.isDisposed() && shown == m && view.snapshot() != null) {
                        view.phases(found);
                    }
                });
            }
            return org.eclipse.core.runtime.Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule(500); // once the run has written its file's attributes
    }

    public MapView view() {
        return view;
    }

    /** Repaints done since the part opened (for the benchmark's updates per second). */
    public long repaints() {
        return throttle.repaints();
    }

    public LiveMap shownMap() {
        return shown;
    }
}
