package org.onset.instrument.sim.internal;

import java.util.Arrays;
import java.util.function.DoubleConsumer;

import org.onset.instrument.api.SampleBlock;
import org.onset.instrument.api.SampleSink;
import org.onset.instrument.sim.internal.Operation.StopCause;

/**
 * Sits between the engine and the caller's sink during one ramp: paces blocks to wall-clock time
 * in real-time mode, injects the configured fault, drops the height channel when the instrument
 * has none, and tracks the output bias and what was delivered.
 *
 * <p>In real-time mode a block is handed on when its last sample is due, as an acquisition card
 * would; when a stop arrives meanwhile, only the samples acquired before it are delivered. An
 * injected fault cuts the stream at its exact time, whatever the engine's block size.
 */
final class RampStream implements SampleSink {

    private final Operation op;
    private final SampleSink downstream;
    private final Pacer pacer;
    private final FaultPlan.Event injected;
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
        this.injected = faults.firstEvent().orElse(null);
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

    /** Time of the last delivered sample, s since the ramp start. */
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
            return; // acquisition has stopped: whatever the engine computed past that never happened
        }
        int keep = injected == null ? block.size() : countBefore(block, injected.time());
        boolean injectedHere = keep < block.size();
        double due = injectedHere ? injected.time() : block.time()[block.size() - 1];
        if (pacer.waitUntil(op, startNanos, due) && pacer.realTime()) {
            keep = Math.min(keep, countBefore(block, Math.nextUp(pacer.instrumentSecondsSince(startNanos))));
            injectedHere = false;
        }
        if (keep > 0) {
            deliver(trim(block, keep));
        }
        if (injectedHere) {
            inject();
        }
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

    private void inject() {
        switch (injected.kind()) {
            case FAULT -> op.requestStop(StopCause.FAULT, String.format(
                    "simulated DAQ fault (fault.afterSeconds = %s s) at t = %.4f s into the ramp", injected.time(),
                    injected.time()));
            case LINK_LOSS -> op.requestStop(StopCause.LINK_LOST, String.format(
                    "link to the instrument lost (simulated: disconnect.afterSeconds = %s s) at t = %.4f s into the "
                            + "ramp", injected.time(), injected.time()));
            case HANG -> op.awaitStop();
        }
    }

    /** Number of leading samples of {@code block} earlier than {@code seconds}. */
    private static int countBefore(SampleBlock block, double seconds) {
        int n = 0;
        while (n < block.size() && block.time()[n] < seconds) {
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
