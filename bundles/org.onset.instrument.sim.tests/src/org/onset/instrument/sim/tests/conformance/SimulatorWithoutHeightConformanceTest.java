package org.onset.instrument.sim.tests.conformance;

import java.util.Map;

/**
 * The suite again on a simulator without a Z sensor: height rules must be refused, blocks carry no
 * heights, and the height-rule tests skip.
 */
class SimulatorWithoutHeightConformanceTest extends SimulatorConformanceTest {

    @Override
    protected Map<String, Object> baseSettings() {
        return Map.of("channel.height", false);
    }
}
