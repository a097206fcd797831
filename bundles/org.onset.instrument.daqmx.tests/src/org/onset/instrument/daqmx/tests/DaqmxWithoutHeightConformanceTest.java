package org.onset.instrument.daqmx.tests;

import java.util.Map;

/** The suite again on a card without a Z sensor wired (channel.height empty): height rules refused. */
class DaqmxWithoutHeightConformanceTest extends DaqmxConformanceTest {

    @Override
    protected Map<String, Object> settings() {
        return Map.of("channel.height", "");
    }
}
