package org.onset.instrument.sim.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Hashtable;

import org.onset.instrument.api.InstrumentDriver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The embedded default: when Config Admin holds no simulator configuration at all, creates one with
 * {@code instrument.id = "sim"}, so that a fresh workbench always has an instrument to work with.
 * Set the framework property {@value #ENABLE_PROPERTY}{@code =false} to start without it (a lab
 * machine that only drives real hardware).
 */
@Component(service = {})
public final class DefaultSimulatorConfigurer {

    /** Framework property; "false" disables the default simulator. */
    public static final String ENABLE_PROPERTY = "onset.sim.default";
    /** The id of the default simulated instrument. */
    public static final String DEFAULT_ID = "sim";

    /** What {@link #ensureDefault} did. */
    public enum Result {
        CREATED, ALREADY_CONFIGURED, DISABLED
    }

    @Activate
    public DefaultSimulatorConfigurer(@Reference ConfigurationAdmin configAdmin, BundleContext context) {
        ensureDefault(configAdmin, context.getProperty(ENABLE_PROPERTY));
    }

    /**
     * Creates the default configuration unless disabled by {@code enableProperty} ("false") or a
     * simulator configuration exists already.
     */
    public static Result ensureDefault(ConfigurationAdmin configAdmin, String enableProperty) {
        if (enableProperty != null && enableProperty.trim().equalsIgnoreCase("false")) {
            return Result.DISABLED;
        }
        try {
            Configuration[] existing = configAdmin.listConfigurations("(|(" + ConfigurationAdmin.SERVICE_FACTORYPID
                    + "=" + SimulatedInstrument.PID + ")(" + Constants.SERVICE_PID + "=" + SimulatedInstrument.PID + "))");
            if (existing != null && existing.length > 0) {
                return Result.ALREADY_CONFIGURED;
            }
            // "?" = any bundle may bind it, so a re-installed simulator bundle still gets it
            Configuration c = configAdmin.createFactoryConfiguration(SimulatedInstrument.PID, "?");
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(InstrumentDriver.INSTRUMENT_ID, DEFAULT_ID);
            props.put(SimulatorConfig.NAME, "Simulated LICGC instrument");
            c.update(props);
            return Result.CREATED;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the default simulator configuration", e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
