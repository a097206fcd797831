package org.onset.instrument.install.tests.stub;

import java.util.Map;

/**
 * Copied into a test bundle whose DS driver component (not its bundle activator) fails when SCR
 * activates it, like a driver that cannot open its vendor library: the bundle starts fine, only the
 * component is left in FAILED_ACTIVATION.
 */
public class ThrowingComponent extends StubDriver {

    @Override
    public void activate(Map<String, Object> properties) {
        throw new IllegalStateException("stub vendor library libstubdaq.so not found");
    }
}
