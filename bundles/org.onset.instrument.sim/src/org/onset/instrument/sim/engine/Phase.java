package org.onset.instrument.sim.engine;

/** Phase of the LICGC sample at a point. */
public enum Phase {
    /** The Li-ion conducting glass-ceramic matrix: Li can nucleate here. */
    MATRIX,
    /** The minor AlPO4 phase: no Li⁺ to reduce, never nucleates. */
    ALPO4
}
