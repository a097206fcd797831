package org.onset.instrument.sim.tests.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.sim.internal.DefaultSimulatorConfigurer;
import org.onset.instrument.sim.internal.DefaultSimulatorConfigurer.Result;
import org.onset.instrument.sim.internal.SimulatedInstrument;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The embedded default simulator: present in a fresh framework, created once, can be switched off. */
class DefaultSimulatorConfigurerTest {

    private static final SimulatorFixture FIXTURE = new SimulatorFixture();

    @Test
    void freshFrameworkHasTheDefaultSimulator() throws Exception {
        InstrumentDriver d = FIXTURE.awaitDriverById(DefaultSimulatorConfigurer.DEFAULT_ID);
        assertEquals(DefaultSimulatorConfigurer.DEFAULT_ID, d.info().id());
        assertTrue(d.info().simulated());
        assertTrue(d.status().state() != State.FAULT, () -> "the default settings are valid: " + d.status());
        assertEquals(1, simulatorConfigurations(FIXTURE.configAdmin()).stream()
                .filter(c -> DefaultSimulatorConfigurer.DEFAULT_ID.equals(
                        c.getProperties().get(InstrumentDriver.INSTRUMENT_ID)))
                .count(), "exactly one default configuration");
    }

    @Test
    void createsTheDefaultOnlyWhenThereIsNoneAndNotWhenDisabled() throws Exception {
        ConfigurationAdmin ca = FIXTURE.configAdmin();
        for (Configuration c : simulatorConfigurations(ca)) {
            String pid = c.getPid();
            c.delete();
            FIXTURE.awaitGone(pid);
        }
        assertEquals(Result.DISABLED, DefaultSimulatorConfigurer.ensureDefault(ca, "false"));
        assertEquals(Result.DISABLED, DefaultSimulatorConfigurer.ensureDefault(ca, " FALSE "));
        assertTrue(simulatorConfigurations(ca).isEmpty(), "disabled: no configuration is created");

        assertEquals(Result.CREATED, DefaultSimulatorConfigurer.ensureDefault(ca, null));
        InstrumentDriver d = FIXTURE.awaitDriverById(DefaultSimulatorConfigurer.DEFAULT_ID);
        assertEquals(State.OFFLINE, d.status().state(), () -> "a new default instrument waits for connect(): "
                + d.status());

        assertEquals(Result.ALREADY_CONFIGURED, DefaultSimulatorConfigurer.ensureDefault(ca, "true"));
        assertEquals(Result.ALREADY_CONFIGURED, DefaultSimulatorConfigurer.ensureDefault(ca, null));
        assertEquals(1, simulatorConfigurations(ca).size(), "the default is created once");
    }

    @Test
    void anExistingSimulatorConfigurationSuppressesTheDefault() throws Exception {
        ConfigurationAdmin ca = FIXTURE.configAdmin();
        InstrumentDriver other = FIXTURE.create(java.util.Map.of());
        try {
            assertEquals(Result.ALREADY_CONFIGURED, DefaultSimulatorConfigurer.ensureDefault(ca, null));
        } finally {
            FIXTURE.release(other);
        }
    }

    static List<Configuration> simulatorConfigurations(ConfigurationAdmin ca)
            throws IOException, InvalidSyntaxException {
        Configuration[] all = ca.listConfigurations("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "="
                + SimulatedInstrument.PID + ")");
        return all == null ? List.of() : Arrays.asList(all);
    }

    @AfterAll
    static void restoreTheDefault() {
        DefaultSimulatorConfigurer.ensureDefault(FIXTURE.configAdmin(), null);
        FIXTURE.close();
    }
}
