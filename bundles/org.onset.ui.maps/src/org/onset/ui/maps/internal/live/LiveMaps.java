package org.onset.ui.maps.internal.live;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.onset.map.api.Grid;
import org.onset.sweep.api.SweepEvents;
import org.onset.sweep.api.SweepRun;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

/**
 * Every run's live map, filled from the sweep service's events ({@link SweepEvents}). Registered
 * as an EventAdmin handler for {@link SweepEvents#ALL}: it runs on EventAdmin's delivery thread,
 * never on the UI thread and never on the acquisition thread (the sweep posts asynchronously), and
 * does constant work per event.
 *
 * <p>Pixel events carry the index and the scalars but not the grid: the grid of a run comes from
 * {@code runInfo} (the sweep service's run list) the first time a run is seen.
 *
 * <p>Events alone are not enough: on a loaded machine EventAdmin's single delivery thread fell
 * 18 s behind a virtual-time 70 × 70 map (220 of 4900 pixels delivered when the map ended). So a
 * poller also calls {@link #sync(SweepRun)} a few dozen times a second, which takes the new pixels
 * from the run's own list; either path may deliver a pixel first, both write the same values.
 */
public final class LiveMaps implements EventHandler {

    /** What it needs to know about a run it has not seen: grid and file, or empty when unknown. */
    public record RunInfo(Grid grid, Path file) {
    }

    private final Function<String, Optional<RunInfo>> runInfo;
    private final Consumer<LiveMap> resumed;
    private final Map<String, LiveMap> maps = new ConcurrentHashMap<>();
    private volatile LiveMap latest;
    private volatile long pixelEvents;

    /**
     * @param runInfo grid and file of a run by id (from the sweep service)
     * @param resumed called (on the event thread) when a run starts that continues a file with pixels
     *                in it, to fill those in from the file elsewhere
     */
    public LiveMaps(Function<String, Optional<RunInfo>> runInfo, Consumer<LiveMap> resumed) {
        this.runInfo = runInfo;
        this.resumed = resumed;
    }

    @Override
    public void handleEvent(Event event) {
        String runId = (String) event.getProperty(SweepEvents.RUN_ID);
        if (runId == null) {
            return;
        }
        String topic = event.getTopic();
        if (SweepEvents.PIXEL.equals(topic) || SweepEvents.FAULT.equals(topic)) {
            LiveMap map = map(runId, event);
            if (map == null) {
                return;
            }
            pixelEvents++;
            map.put((Integer) event.getProperty(SweepEvents.PIXEL_INDEX), number(event, SweepEvents.ONSET_BIAS),
                    number(event, SweepEvents.CURRENT_AT_END), number(event, SweepEvents.HEIGHT_CHANGE),
                    (String) event.getProperty(SweepEvents.RULE));
        } else if (SweepEvents.STARTED.equals(topic)) {
            LiveMap map = map(runId, event);
            Object done = event.getProperty(SweepEvents.DONE);
            if (map != null && done instanceof Integer d && d > 0 && map.askEarlier()) {
                resumed.accept(map);
            }
        }
    }

    private static double number(Event event, String key) {
        return event.getProperty(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private LiveMap map(String runId, Event event) {
        LiveMap map = maps.get(runId);
        if (map == null) {
            Optional<RunInfo> info = runInfo.apply(runId);
            if (info.isEmpty()) {
                return null; // a run of another sweep service (e.g. a benchmark's private one)
            }
            Path file = info.get().file();
            if (file == null && event.getProperty(SweepEvents.OUTPUT) instanceof String s) {
                file = Path.of(s);
            }
            LiveMap created = new LiveMap(runId, file, info.get().grid());
            map = maps.computeIfAbsent(runId, id -> created);
            if (map == created) {
                latest = map; // only a new run takes over: late events of an older run must not
            }
        }
        return map;
    }

    /**
     * Takes in the pixels a run has measured since the last call, from the run itself (thread safe;
     * called by a poller a few dozen times a second). Pixel events can queue up behind other events
     * on a busy machine; the run's own list cannot. Returns how many pixels were new.
     */
    public int sync(SweepRun run) {
        LiveMap map = maps.computeIfAbsent(run.id(), id -> new LiveMap(id, run.output(), run.recipe().grid()));
        int added = map.sync(run.pixels());
        if (latest == null || (added > 0 && !run.state().isFinal())) {
            latest = map;
        }
        if (run.progress().resumedFrom() > 0 && map.askEarlier()) {
            resumed.accept(map);
        }
        return added;
    }

    /** True when every pixel the finished run measured is in its map: the poller can forget it. */
    public boolean complete(SweepRun run) {
        LiveMap map = maps.get(run.id());
        return map != null && run.state().isFinal() && map.synced() >= run.pixels().size();
    }

    /** The map of the run that delivered a pixel or started most recently. */
    public Optional<LiveMap> latest() {
        return Optional.ofNullable(latest);
    }

    public Optional<LiveMap> of(String runId) {
        return Optional.ofNullable(maps.get(runId));
    }

    /** Pixel and fault events handled, all runs. */
    public long pixelEvents() {
        return pixelEvents;
    }
}
