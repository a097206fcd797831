package org.onset.ui.maps.internal.live;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.Grid;

/**
 * The map of one run as its pixels arrive. Pixel events come from the event thread at whatever
 * rate the instrument delivers them; each one only writes three numbers and a rule into arrays
 * (no allocation, no UI), so the acquisition never waits on a view. Views do not get one call per
 * pixel: they poll {@link #version()} on their own timer and take a {@link #snapshot()} when it
 * changed, which coalesces any number of pixels into one repaint.
 */
public final class LiveMap {

    private final String runId;
    private final Path file;
    private final Grid grid;
    private final double[] onset;
    private final double[] current;
    private final double[] height;
    private final String[] rules;
    private final BitSet done;
    private final Map<String, TopographyImage> topography = new HashMap<>();
    private volatile long version;
    private volatile int lastIndex = -1;
    private int synced;
    private final java.util.concurrent.atomic.AtomicBoolean earlierAsked = new java.util.concurrent.atomic.AtomicBoolean();

    public LiveMap(String runId, Path file, Grid grid) {
        this.runId = runId;
        this.file = file;
        this.grid = grid.requireValid();
        int n = grid.pixelCount();
        onset = nan(n);
        current = nan(n);
        height = nan(n);
        rules = new String[n];
        done = new BitSet(n);
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    public String runId() {
        return runId;
    }

    public Path file() {
        return file;
    }

    public Grid grid() {
        return grid;
    }

    /** Grows with every stored change; compare with an earlier value to know whether to repaint. */
    public long version() {
        return version;
    }

    /** Storage index of the most recent pixel, -1 before the first. */
    public int lastIndex() {
        return lastIndex;
    }

    /**
     * One measured pixel (thread safe, constant time).
     *
     * @throws IndexOutOfBoundsException when the index is outside the grid
     */
    public synchronized void put(int index, double onsetBias, double currentAtEnd, double heightChange, String rule) {
        if (index < 0 || index >= onset.length) {
            throw new IndexOutOfBoundsException("pixel index " + index + " is outside the " + grid.nx() + " x "
                    + grid.ny() + " map of run " + runId);
        }
        onset[index] = onsetBias;
        current[index] = currentAtEnd;
        height[index] = heightChange;
        rules[index] = rule;
        done.set(index);
        lastIndex = index;
        version++;
    }

    /**
     * Pixels measured before this run started (a resumed file), merged in without overwriting pixels
     * this run already delivered.
     */
    public synchronized void putEarlier(MapSnapshot earlier) {
        for (int k = earlier.done().nextSetBit(0); k >= 0 && k < onset.length; k = earlier.done().nextSetBit(k + 1)) {
            if (!done.get(k)) {
                onset[k] = earlier.onsetBias()[k];
                current[k] = earlier.currentAtEnd()[k];
                height[k] = earlier.heightChange()[k];
                rules[k] = earlier.rules()[k];
                done.set(k);
            }
        }
        topography.putAll(earlier.topography());
        version++;
    }

    public synchronized void putTopography(String name, TopographyImage image) {
        topography.put(name, image);
        version++;
    }

    /**
     * Pixels of the run's own list from position {@link #synced()} on: the run's pixel list is the
     * source of truth, read by a poller, so the map never lags behind EventAdmin's delivery queue.
     * Returns how many were new.
     */
    public synchronized int sync(java.util.List<org.onset.sweep.api.PixelResult> pixels) {
        int n = pixels.size();
        for (int k = synced; k < n; k++) {
            org.onset.sweep.api.PixelResult p = pixels.get(k);
            put(p.index(), p.onsetBias(), p.currentAtEnd(), p.heightChangeAtEnd(), p.rule());
        }
        int added = Math.max(0, n - synced);
        synced = Math.max(synced, n);
        return added;
    }

    /** Pixels of the run's list already taken in by {@link #sync}. */
    public synchronized int synced() {
        return synced;
    }

    /** True the first time only: whether the earlier pixels of a resumed file are still to be read. */
    boolean askEarlier() {
        return earlierAsked.compareAndSet(false, true);
    }

    /** A copy of the map now; cheap (a 70 × 70 map copies 120 kB). */
    public synchronized MapSnapshot snapshot() {
        return new MapSnapshot(file, grid, onset.clone(), current.clone(), height.clone(), rules.clone(),
                (BitSet) done.clone(), Map.copyOf(topography), version);
    }
}
