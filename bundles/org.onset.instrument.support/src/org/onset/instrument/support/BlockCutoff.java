package org.onset.instrument.support;

import org.onset.instrument.api.CutoffEvent;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.SampleBlock;

/**
 * The cutoff rule of one ramp, checked on every acquired block as it arrives (a software cutoff).
 * The height change is measured from the ramp's first sample, as the conformance suite replays it.
 */
public final class BlockCutoff {

    private final CutoffRule rule;
    private final CutoffRule.Evaluator evaluator;
    private double firstHeight = Double.NaN;
    private CutoffEvent event;

    public BlockCutoff(CutoffRule rule) {
        this.rule = rule;
        this.evaluator = rule.arm();
    }

    /**
     * Offers every sample of {@code block} until the rule fires.
     *
     * @return the index in the block of the sample where the rule fired, or -1
     */
    public int offer(SampleBlock block) {
        if (event != null) {
            return -1;
        }
        double[] h = block.height();
        if (h != null && block.firstIndex() == 0 && block.size() > 0) {
            firstHeight = h[0];
        }
        for (int k = 0; k < block.size(); k++) {
            double dz = h == null ? Double.NaN : h[k] - firstHeight;
            if (evaluator.offer(block.current()[k], dz)) {
                event = new CutoffEvent(evaluator.firedBy(), rule.describe(), block.firstIndex() + k,
                        block.time()[k], block.bias()[k], block.current()[k], dz);
                return k;
            }
        }
        return -1;
    }

    /** The event once the rule fired, else null. */
    public CutoffEvent event() {
        return event;
    }

    public boolean fired() {
        return event != null;
    }
}
