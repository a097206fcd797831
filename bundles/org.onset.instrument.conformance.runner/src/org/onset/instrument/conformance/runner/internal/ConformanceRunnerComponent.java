package org.onset.instrument.conformance.runner.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.conformance.DriverConformanceSuite.Stimulus;
import org.onset.instrument.conformance.runner.ConformanceReport;
import org.onset.instrument.conformance.runner.ConformanceRunner;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs the suite through the JUnit Platform launcher inside this framework. The Jupiter engine is
 * handed to the launcher directly and every ServiceLoader-based auto-registration is off: inside
 * OSGi the launcher cannot see the other bundles' META-INF/services.
 */
@Component(service = ConformanceRunner.class)
public final class ConformanceRunnerComponent implements ConformanceRunner {

    /** Configuration properties that belong to the configuration, not to the driver's settings. */
    private static final Set<String> NOT_SETTINGS = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION, InstrumentDriver.INSTRUMENT_ID);

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;

    @Activate
    public ConformanceRunnerComponent(BundleContext context, @Reference ConfigurationAdmin configAdmin) {
        this.context = context;
        this.configAdmin = configAdmin;
    }

    @Override
    public synchronized ConformanceReport run(String instrumentId, OptionalDouble resistorOhms, double resistorVolts) {
        Configuration config = configurationOf(instrumentId);
        String factoryPid = config.getFactoryPid();
        if (factoryPid == null) {
            throw new IllegalArgumentException("instrument '" + instrumentId + "' is not configured through a driver"
                    + " type (factory configuration): the suite creates its drivers from one");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        Dictionary<String, Object> props = config.getProperties();
        for (Enumeration<String> keys = props.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            if (!NOT_SETTINGS.contains(k)) {
                settings.put(k, props.get(k));
            }
        }
        Stimulus stimulus = resistorOhms.isPresent() ? Stimulus.resistor(resistorOhms.getAsDouble(), resistorVolts)
                : Stimulus.nucleatingCell();
        String run = UUID.randomUUID().toString();
        InstalledDriverSuite.Target.RUNS.put(run,
                new InstalledDriverSuite.Target(context, factoryPid, Collections.unmodifiableMap(settings), stimulus));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(getClass().getClassLoader());
        try {
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestEngineAutoRegistration(false)
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .enableTestExecutionListenerAutoRegistration(false)
                    .addTestEngines(new JupiterTestEngine())
                    .build());
            Results results = new Results();
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(InstalledDriverSuite.class))
                    .configurationParameter(InstalledDriverSuite.RUN_PARAMETER, run)
                    .build(), results);
            return new ConformanceReport(instrumentId, factoryPid, stimulus.load(), results.passed, results.failures,
                    results.skipped);
        } finally {
            thread.setContextClassLoader(previous);
            InstalledDriverSuite.Target.RUNS.remove(run);
        }
    }

    private Configuration configurationOf(String instrumentId) {
        Configuration[] found;
        try {
            found = configAdmin.listConfigurations("(" + InstrumentDriver.INSTRUMENT_ID + "=" + escape(instrumentId) + ")");
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalArgumentException("cannot look up instrument '" + instrumentId + "': " + e.getMessage(), e);
        }
        if (found == null || found.length == 0) {
            throw new IllegalArgumentException("no instrument '" + instrumentId + "' is configured (onset drivers list)");
        }
        return found[0];
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }

    /** Counts and words per test; a test skipped by an assumption names what the driver lacks. */
    private static final class Results implements TestExecutionListener {
        int passed;
        final List<String> failures = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            if (test.isTest()) {
                skipped.add(test.getDisplayName() + ": " + reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            String why = result.getThrowable().map(t -> firstLine(String.valueOf(t.getMessage()))).orElse("");
            switch (result.getStatus()) {
            case SUCCESSFUL -> {
                if (test.isTest()) {
                    passed++;
                }
            }
            case ABORTED -> skipped.add(test.getDisplayName() + ": " + why);
            case FAILED -> failures.add(test.getDisplayName() + ": " + why);
            }
        }

        private static String firstLine(String s) {
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }
}
