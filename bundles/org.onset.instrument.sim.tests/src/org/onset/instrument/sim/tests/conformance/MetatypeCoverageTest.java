package org.onset.instrument.sim.tests.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onset.instrument.sim.engine.SettingSpec;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.internal.SimulatedInstrument;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The hand-written metatype (OSGI-INF/metatype) must describe every setting the simulator reads,
 * engine settings included, with the engine's default and unit: this test fails when they drift.
 */
class MetatypeCoverageTest {

    private static Map<String, AttributeDefinition> attributes;

    @BeforeAll
    static void readMetatype() throws InterruptedException {
        var context = FrameworkUtil.getBundle(SimulatedInstrument.class).getBundleContext();
        ServiceTracker<MetaTypeService, MetaTypeService> t = new ServiceTracker<>(context, MetaTypeService.class, null);
        t.open();
        try {
            MetaTypeService mts = t.waitForService(SimulatorFixture.TIMEOUT_MS);
            assertNotNull(mts, "the Metatype service runs in the test framework");
            MetaTypeInformation info = mts.getMetaTypeInformation(context.getBundle());
            assertTrue(Arrays.asList(info.getFactoryPids()).contains(SimulatedInstrument.PID),
                    "metatype designates the factory PID " + SimulatedInstrument.PID);
            ObjectClassDefinition ocd = info.getObjectClassDefinition(SimulatedInstrument.PID, null);
            attributes = Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                    .collect(Collectors.toMap(AttributeDefinition::getID, Function.identity()));
        } finally {
            t.close();
        }
    }

    @Test
    void everyEngineSettingIsDescribedWithItsDefaultAndUnit() {
        for (SettingSpec spec : SimSettings.specs()) {
            AttributeDefinition ad = attributes.get(spec.name());
            assertNotNull(ad, "metatype lacks engine setting '" + spec.name() + "'");
            assertEquals(spec.defaultValue(), Double.parseDouble(ad.getDefaultValue()[0]),
                    Math.abs(spec.defaultValue()) * 1e-12, "default of '" + spec.name() + "'");
            String unit = spec.unit().isEmpty() ? "dimensionless" : spec.unit();
            assertTrue(ad.getDescription().contains("[" + unit + "]"), () -> "description of '" + spec.name()
                    + "' must give the unit [" + unit + "]: " + ad.getDescription());
        }
    }

    @Test
    void everyDriverSettingIsDescribed() {
        for (String key : SimulatedInstrument.DRIVER_SETTINGS) {
            assertNotNull(attributes.get(key), "metatype lacks driver setting '" + key + "'");
        }
    }

    @Test
    void nothingElseIsDescribed() {
        Set<String> known = new HashSet<>(SimulatedInstrument.DRIVER_SETTINGS);
        SimSettings.specs().forEach(s -> known.add(s.name()));
        Set<String> extra = new HashSet<>(attributes.keySet());
        extra.removeAll(known);
        assertTrue(extra.isEmpty(), "metatype describes settings nobody reads: " + extra);
    }
}
