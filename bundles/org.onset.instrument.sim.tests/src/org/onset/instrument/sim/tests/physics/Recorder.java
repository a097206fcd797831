package org.onset.instrument.sim.tests.physics;

import java.util.ArrayList;
import java.util.List;

import org.onset.instrument.api.SampleBlock;
import org.onset.instrument.api.SampleSink;

/** Keeps every block of a ramp and joins the channels for assertions. */
final class Recorder implements SampleSink {

    final List<SampleBlock> blocks = new ArrayList<>();

    @Override
    public void accept(SampleBlock block) {
        blocks.add(block);
    }

    int size() {
        return blocks.stream().mapToInt(SampleBlock::size).sum();
    }

    double[] time() {
        return join(0);
    }

    double[] bias() {
        return join(1);
    }

    double[] current() {
        return join(2);
    }

    double[] height() {
        return join(3);
    }

    double lastCurrent() {
        double[] c = current();
        return c[c.length - 1];
    }

    /** Height change of the last sample against the first, m. */
    double heightChange() {
        double[] h = height();
        return h[h.length - 1] - h[0];
    }

    private double[] join(int channel) {
        double[] out = new double[size()];
        int k = 0;
        for (SampleBlock b : blocks) {
            double[] src = switch (channel) {
                case 0 -> b.time();
                case 1 -> b.bias();
                case 2 -> b.current();
                default -> b.height();
            };
            System.arraycopy(src, 0, out, k, src.length);
            k += src.length;
        }
        return out;
    }
}
