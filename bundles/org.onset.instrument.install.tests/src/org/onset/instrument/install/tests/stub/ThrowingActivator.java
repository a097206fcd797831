package org.onset.instrument.install.tests.stub;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Copied into a test bundle whose activation must fail, like a driver whose hardware library is broken. */
public class ThrowingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("stub hardware library failed to initialise");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
