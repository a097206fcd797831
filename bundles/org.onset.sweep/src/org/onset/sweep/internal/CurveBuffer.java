package org.onset.sweep.internal;

import java.util.ArrayList;
import java.util.List;

import org.onset.instrument.api.SampleBlock;
import org.onset.instrument.api.SampleSink;
import org.onset.map.api.Curve;

/**
 * Collects the sample blocks of a ramp. Blocks are kept as delivered (the driver hands over their
 * arrays) and joined once at the end into the run's reused {@link JoinBuffers}: no allocation per pixel.
 */
final class CurveBuffer implements SampleSink {

    /**
     * Channel arrays reused for every pixel of a run (run thread only), grown when a ramp delivers
     * more samples than planned. A curve joined into them is valid until the next join: the store
     * writes it before the next pixel is ramped and nothing keeps it.
     */
    static final class JoinBuffers {
        private double[] time;
        private double[] bias;
        private double[] current;
        private double[] height;

        /** @param plannedSamples the ramp's planned sample count, the usual need */
        JoinBuffers(int plannedSamples) {
            int n = Math.max(0, plannedSamples);
            time = new double[n];
            bias = new double[n];
            current = new double[n];
        }

        private void ensure(int samples, boolean withHeight) {
            if (time.length < samples) {
                time = new double[samples];
                bias = new double[samples];
                current = new double[samples];
                height = null;
            }
            if (withHeight && (height == null || height.length < time.length)) {
                height = new double[time.length];
            }
        }
    }

    private final List<SampleBlock> blocks = new ArrayList<>();
    private int samples;
    private boolean height = true;
    private boolean sealed;

    /**
     * Synchronized because a hung driver, abandoned by the watchdog, may still deliver blocks while
     * the run stores what arrived before; {@link #toCurve} seals the buffer against those.
     */
    @Override
    public synchronized void accept(SampleBlock block) {
        if (sealed) {
            return;
        }
        blocks.add(block);
        samples += block.size();
        height &= block.height() != null;
    }

    synchronized int samples() {
        return samples;
    }

    /** The ramp's curve; joined into {@code into} (overwriting the previous curve) unless one block holds it all. */
    synchronized Curve toCurve(JoinBuffers into) {
        sealed = true;
        if (blocks.size() == 1 && (blocks.get(0).height() != null || !height)) {
            SampleBlock b = blocks.get(0); // a driver that hands over the whole ramp at once: no copy
            return new Curve(b.time(), b.bias(), b.current(), b.height(), b.size());
        }
        boolean z = height && samples > 0;
        into.ensure(samples, z);
        int at = 0;
        for (SampleBlock b : blocks) {
            int n = b.size();
            System.arraycopy(b.time(), 0, into.time, at, n);
            System.arraycopy(b.bias(), 0, into.bias, at, n);
            System.arraycopy(b.current(), 0, into.current, at, n);
            if (z) {
                System.arraycopy(b.height(), 0, into.height, at, n);
            }
            at += n;
        }
        return new Curve(into.time, into.bias, into.current, z ? into.height : null, samples);
    }
}
