package org.onset.instrument.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.onset.instrument.api.SampleBlock;
import org.onset.instrument.api.SampleSink;

/** A sample sink that keeps every block, and can tell when the first one arrived. */
public final class SampleRecorder implements SampleSink {

    private final List<SampleBlock> blocks = new ArrayList<>();
    private final CountDownLatch first = new CountDownLatch(1);

    @Override
    public synchronized void accept(SampleBlock block) {
        blocks.add(block);
        first.countDown();
    }

    public synchronized List<SampleBlock> blocks() {
        return List.copyOf(blocks);
    }

    /** Total number of samples received. */
    public synchronized int samples() {
        return blocks.stream().mapToInt(SampleBlock::size).sum();
    }

    /** Waits (at most {@code seconds}) for the first block; true when it came. */
    public boolean awaitFirstBlock(double seconds) throws InterruptedException {
        return first.await((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
    }

    public double[] time() {
        return concat(Channel.TIME);
    }

    public double[] bias() {
        return concat(Channel.BIAS);
    }

    public double[] current() {
        return concat(Channel.CURRENT);
    }

    /** Heights, or null when the blocks carry none. */
    public double[] height() {
        synchronized (this) {
            if (blocks.isEmpty() || blocks.get(0).height() == null) {
                return null;
            }
        }
        return concat(Channel.HEIGHT);
    }

    private enum Channel {
        TIME, BIAS, CURRENT, HEIGHT
    }

    private synchronized double[] concat(Channel c) {
        double[] out = new double[samples()];
        int at = 0;
        for (SampleBlock b : blocks) {
            double[] part = switch (c) {
                case TIME -> b.time();
                case BIAS -> b.bias();
                case CURRENT -> b.current();
                case HEIGHT -> b.height();
            };
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
