package org.onset.instrument.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates, changes and deletes instrument configurations through Config Admin. Every setting is
 * checked against the driver's metatype before anything is written; after writing, the configurator
 * waits (bounded) for the driver to react, and when the driver refuses the values (goes to FAULT)
 * it rolls back: a new configuration is deleted, a changed one restored. Refusals are logged with the
 * instrument id.
 */
@ProviderType
public interface InstrumentConfigurator {

    /** The driver types installed now (factory PIDs whose metatype declares {@code instrument.id}), by factory PID. */
    List<DriverType> driverTypes();

    Optional<DriverType> driverType(String factoryPid);

    /** The first installed driver type that declares itself simulated, e.g. for demos and benchmarks. */
    default Optional<DriverType> simulatedDriverType() {
        return driverTypes().stream().filter(DriverType::simulated).findFirst();
    }

    /** Every instrument configuration, sorted by instrument id. */
    List<InstrumentConfiguration> configurations() throws IOException;

    Optional<InstrumentConfiguration> configuration(String instrumentId) throws IOException;

    /**
     * The typed values of {@code settings} for a driver type: text is parsed, numbers are converted
     * to the declared type, options and ranges are checked.
     *
     * @throws InvalidSettingsException listing every refused setting by name (unknown names get close suggestions)
     */
    Map<String, Object> check(String factoryPid, Map<String, ?> settings) throws InvalidSettingsException;

    /**
     * Configures a new instrument and waits for its driver.
     *
     * @return the instrument, registered and not in FAULT
     * @throws InvalidSettingsException nothing written
     * @throws DriverRefusedException   the driver went to FAULT; the configuration was deleted again
     * @throws DriverTimeoutException   no driver registered within {@code timeout}; the configuration stays
     * @throws InstrumentConfigurationException the id exists already or the driver type is unknown
     */
    Instrument create(String factoryPid, String instrumentId, Map<String, ?> settings, Duration timeout)
            throws InstrumentConfigurationException, IOException, InterruptedException;

    /**
     * Changes settings of an instrument; the others keep their values. The driver restarts with them.
     *
     * @return the instrument as registered with the new settings (in FAULT only when it was before)
     * @throws DriverRefusedException the driver went to FAULT; the previous configuration was restored
     * @throws DriverTimeoutException the driver did not come back within {@code timeout}; the new settings stay
     */
    Instrument change(String instrumentId, Map<String, ?> changes, Duration timeout)
            throws InstrumentConfigurationException, IOException, InterruptedException;

    /**
     * Deletes an instrument's configuration and waits until its driver is unregistered.
     *
     * @return the deleted configuration
     * @throws DriverTimeoutException the configuration is deleted but the driver still registered after {@code timeout}
     * @throws InstrumentConfigurationException no configuration has that id
     */
    InstrumentConfiguration delete(String instrumentId, Duration timeout)
            throws InstrumentConfigurationException, IOException, InterruptedException;
}
