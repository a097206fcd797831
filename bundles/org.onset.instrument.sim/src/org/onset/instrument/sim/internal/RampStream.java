package org.onset.instrument.sim.internal;

import java.util.Arrays;
import java.util.function.DoubleConsumer;

import org.onset.instrument.api.SampleBlock;
import org.onset.instrument.api.SampleSink;
import org.onset.instrument.sim.internal.Operation.StopCause;

/**
 * Sits between the engine and the caller's sink during one ramp: paces blocks to wall-clock time
 * in real-time mode, injects the configured faults, drops the height channel when the instrument
 * has none, and tracks the output bias and what was delivered.
 *
 * <p>In real-time mode a block is handed on when its last sample is due, as an acquisition card
 * would; when a stop arrives meanwhile, only the samples acquired before it are delivered.
 */
final class RampStream implements SampleSink {

    private final Operation op;
    private final SampleSink downstream;
    private final Pacer pacer;
    private final FaultPlan faults;
    private final boolean heightChannel;
    private final DoubleConsumer biasOutput;
    private final long startNanos = System.nanoTime();
    private int delivered;
    private double lastTime;
    private boolean consumerFailed;

    RampStream(Operation op, SampleSink downstream, Pacer pacer, FaultPlan faults, boolean heightChannel,
            DoubleConsumer biasOutput) {
        this.op = op;
        this.downstream = downstream;
        this.pacer = pacer;
        this.faults = faults;
        this.heightChannel = heightChannel;
        this.biasOutput = biasOutput;
    }

    /** Polled by the engine: true once the ramp must end early. */
    boolean stopRequested() {
        return op.stopRequested();
    }

    int delivered() {
        return delivered;
    }

    double lastTime() {
        return lastTime;
    }

    /** True when the caller's sink threw: that exception is the caller's, not an instrument fault. */
    boolean consumerFailed() {
        return consumerFailed;
    }

    @Override
    public void accept(SampleBlock block) {
        if (block.size() == 0 || op.stopRequested()) {
            return;
        }
        double blockStart = block.time()[0];
        if (faults.hangDue(blockStart)) {
            op.awaitStop();
            return;
        }
        double end = block.time()[block.size() - 1];
        int keep = block.size();
        if (pacer.waitUntil(op, startNanos, end) && pacer.realTime()) {
            keep = acquiredBefore(block, pacer.instrumentSecondsSince(startNanos));
        }
        if (keep > 0) {
            deliver(trim(block, keep));
        }
        injectFaults();
    }

    private void deliver(SampleBlock block) {
        int n = block.size();
        biasOutput.accept(block.bias()[n - 1]);
        if (op.stopRequested()) {
            // abort() may have zeroed the output between our check and the write above
            biasOutput.accept(0);
        }
        try {
            downstream.accept(block);
        } catch (RuntimeException | Error e) {
            consumerFailed = true;
            throw e;
        }
        delivered = block.firstIndex() + n;
        lastTime = block.time()[n - 1];
    }

    private void injectFaults() {
        if (faults.faultDue(lastTime)) {
            op.requestStop(StopCause.FAULT, String.format("simulated DAQ fault (fault.afterSeconds = %s s) at "
                    + "t = %.4f s into the ramp", faults.faultAfter(), lastTime));
        } else if (faults.linkLossDue(lastTime)) {
            op.requestStop(StopCause.LINK_LOST, String.format("link to the instrument lost (simulated: "
                    + "disconnect.afterSeconds = %s s) at t = %.4f s into the ramp", faults.linkLossAfter(), lastTime));
        }
    }

    private static int acquiredBefore(SampleBlock block, double instrumentSeconds) {
        int n = 0;
        while (n < block.size() && block.time()[n] <= instrumentSeconds) {
            n++;
        }
        return n;
    }

    private SampleBlock trim(SampleBlock b, int n) {
        double[] height = heightChannel ? b.height() : null;
        if (n == b.size()) {
            return height == b.height() ? b : new SampleBlock(b.firstIndex(), b.time(), b.bias(), b.current(), null);
        }
        return new SampleBlock(b.firstIndex(), Arrays.copyOf(b.time(), n), Arrays.copyOf(b.bias(), n),
                Arrays.copyOf(b.current(), n), height == null ? null : Arrays.copyOf(height, n));
    }
}
