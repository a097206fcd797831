package org.onset.instrument.sim.internal;

/** How simulated instrument time relates to wall-clock time. */
enum TimingMode {
    /** As fast as the CPU allows: a 3.5 s ramp takes milliseconds. For maps, tests and batch runs. */
    VIRTUAL("virtual"),
    /** Paced to wall-clock (divided by the speed-up): for live demos and timing-sensitive tests. */
    REALTIME("realtime");

    private final String key;

    TimingMode(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    static TimingMode parse(String text) {
        for (TimingMode m : values()) {
            if (m.key.equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        return null;
    }
}
