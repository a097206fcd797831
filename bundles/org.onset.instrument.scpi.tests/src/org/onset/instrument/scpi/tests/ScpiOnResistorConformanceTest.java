package org.onset.instrument.scpi.tests;

/**
 * The suite again with a 100 GΩ resistor instead of a cell behind the emulated instrument: a
 * bench check without a sample. The driver declares the load, the suite picks ramps and a current
 * threshold that a resistor answers ({@code Stimulus.resistor}).
 */
class ScpiOnResistorConformanceTest extends ScpiConformanceTest {

    private static final double OHMS = 100e9;
    private long seed = EmulatedInstruments.SEED;

    @Override
    protected CellModel cell() {
        return CellModel.resistor(OHMS, 0.2e-12, seed++);
    }

    @Override
    protected Stimulus stimulus() {
        return Stimulus.resistor(OHMS, -4.0);
    }
}
