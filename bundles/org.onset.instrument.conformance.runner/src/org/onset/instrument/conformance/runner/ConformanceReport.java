package org.onset.instrument.conformance.runner;

import java.util.List;

/**
 * What one run of the conformance suite found.
 *
 * @param instrumentId the configured instrument whose settings the drivers under test were created with
 * @param factoryPid   its driver type
 * @param load         what the suite assumed is connected (the stimulus), in words
 * @param passed       tests that passed
 * @param failures     one line per failed test: its name and why
 * @param skipped      one line per skipped test: its name and why (a channel or feature the driver lacks)
 */
public record ConformanceReport(String instrumentId, String factoryPid, String load, int passed, List<String> failures,
        List<String> skipped) {

    public ConformanceReport {
        failures = List.copyOf(failures);
        skipped = List.copyOf(skipped);
    }

    public boolean conforms() {
        return failures.isEmpty() && passed > 0;
    }
}
