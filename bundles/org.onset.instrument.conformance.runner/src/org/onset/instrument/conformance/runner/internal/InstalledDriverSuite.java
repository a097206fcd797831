package org.onset.instrument.conformance.runner.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.jupiter.api.extension.TestInstancePreDestroyCallback;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.conformance.DriverConfigurations;
import org.onset.instrument.conformance.DriverConformanceSuite;
import org.osgi.framework.BundleContext;

/**
 * The conformance suite against a driver type of this framework: each test's driver comes from a
 * new factory configuration with the settings of the configured instrument under test (and a
 * unique id), deleted again after the test.
 */
@ExtendWith(InstalledDriverSuite.Target.Injector.class)
public class InstalledDriverSuite extends DriverConformanceSuite {

    /** JUnit configuration parameter naming the run whose target a test instance gets. */
    static final String RUN_PARAMETER = "onset.conformance.run";

    /**
     * What one run tests. JUnit creates the test instances itself and passes only strings to them
     * (configuration parameters), so the runner leaves the target here under a one-off key for the
     * duration of its run.
     */
    record Target(BundleContext context, String factoryPid, Map<String, Object> settings, Stimulus stimulus) {

        static final Map<String, Target> RUNS = new ConcurrentHashMap<>();

        public static final class Injector implements TestInstancePostProcessor, TestInstancePreDestroyCallback {

            @Override
            public void preDestroyTestInstance(ExtensionContext context) {
                context.getTestInstance().map(InstalledDriverSuite.class::cast)
                        .ifPresent(suite -> suite.configurations.close());
            }

            @Override
            public void postProcessTestInstance(Object instance, ExtensionContext context) {
                String run = context.getConfigurationParameter(RUN_PARAMETER)
                        .orElseThrow(() -> new IllegalStateException("run by the conformance runner only"));
                Target target = RUNS.get(run);
                if (target == null) {
                    throw new IllegalStateException("no conformance run " + run);
                }
                InstalledDriverSuite suite = (InstalledDriverSuite) instance;
                suite.target = target;
                suite.configurations = new DriverConfigurations(target.context(), target.factoryPid());
            }
        }
    }

    private Target target;
    private DriverConfigurations configurations;

    @Override
    protected InstrumentDriver createDriver() {
        return configurations.create(target.settings());
    }

    @Override
    protected void releaseDriver(InstrumentDriver d) {
        configurations.delete(d);
    }

    @Override
    protected Stimulus stimulus() {
        return target.stimulus();
    }
}
