package org.onset.sweep.internal;

import java.util.ArrayList;
import java.util.List;

import org.onset.instrument.api.SampleBlock;
import org.onset.instrument.api.SampleSink;

/**
 * Collects the sample blocks of a ramp. Blocks are kept as delivered (the driver hands over their
 * arrays) and joined once at the end: one copy per pixel instead of one per block.
 */
final class CurveBuffer implements SampleSink {
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

    synchronized Curve toCurve(double sampleRateHz) {
        sealed = true;
        if (blocks.size() == 1 && (blocks.get(0).height() != null || !height)) {
            SampleBlock b = blocks.get(0); // a driver that hands over the whole ramp at once: no copy
            return new Curve(sampleRateHz, b.time(), b.bias(), b.current(), b.height());
        }
        double[] t = new double[samples];
        double[] v = new double[samples];
        double[] c = new double[samples];
        double[] z = height && samples > 0 ? new double[samples] : null;
        int at = 0;
        for (SampleBlock b : blocks) {
            int n = b.size();
            System.arraycopy(b.time(), 0, t, at, n);
            System.arraycopy(b.bias(), 0, v, at, n);
            System.arraycopy(b.current(), 0, c, at, n);
            if (z != null) {
                System.arraycopy(b.height(), 0, z, at, n);
            }
            at += n;
        }
        return new Curve(sampleRateHz, t, v, c, z);
    }
}
