package org.onset.instrument.sim.tests.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onset.instrument.sim.engine.PixelSimulator;
import org.onset.instrument.sim.engine.SettingSpec;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;

class SimSettingsTest {

    @Test
    void everyComponentIsDocumentedWithUnitDefaultAndDescription() {
        List<String> components = Arrays.stream(SimSettings.class.getRecordComponents()).map(RecordComponent::getName)
                .toList();
        List<SettingSpec> specs = SimSettings.specs();
        assertEquals(components, specs.stream().map(SettingSpec::name).toList());
        Set<String> units = Set.of("1", "m", "V", "1/s", "m3/mol", "Ohm", "S/m", "A/m2", "K", "V/A", "Hz", "A", "F",
                "s", "m/s");
        for (SettingSpec s : specs) {
            assertTrue(units.contains(s.unit()), s.name() + " has unit " + s.unit());
            assertTrue(s.description().length() > 15, s.name() + " needs a description");
            assertEquals(s.defaultValue(), SimSettings.defaults().get(s.name()), 0, s.name());
        }
    }

    @Test
    void defaultsAreThePhysicsCalibration() {
        SimSettings d = SimSettings.defaults();
        d.validate();
        assertEquals(3.04, d.thresholdPotential());
        assertEquals(225, d.hazardPrefactor());
        assertEquals(3.3, d.barrierFactor());
        assertEquals(0.66, d.eta50Matrix());
        assertEquals(1e10, d.contactResistance());
        assertEquals(13.0e-6, d.molarVolume());
        assertEquals(30e-9, d.tipRadius());
        // derived: 12-bit DAC over ±10 V = 4.88 mV; 12-bit ADC over ±1 V at 1e9 V/A = 0.49 pA
        assertEquals(4.8828e-3, d.dacStep(), 1e-7);
        assertEquals(0.48828e-12, d.currentResolution(), 1e-16);
        // 1 fC of Li+ makes 135 nm³ of Li
        assertEquals(134.7e-27, 1e-15 * d.volumePerCharge(), 0.1e-27);
    }

    @Test
    void withChangesOneSettingOnly() {
        SimSettings d = SimSettings.defaults();
        SimSettings changed = d.with("detectionLatency", 0.015);
        assertEquals(0.015, changed.detectionLatency());
        assertEquals(d.eta50Matrix(), changed.eta50Matrix());
        assertEquals(7, d.with("sampleSeed", 7).sampleSeed());
        assertEquals(16, d.with("adcBits", 16).adcBits());
    }

    @ParameterizedTest
    @CsvSource({ "detectionLatency, -0.001", "currentNoise, -1e-13", "hazardPrefactor, 0", "hazardPrefactor, -5",
            "eta50Matrix, NaN", "temperature, 10", "transferCoefficient, 1", "alpo4AreaFraction, 0.9",
            "adcBits, 12.5", "gridStep, 1e-6", "currentLowPass, Infinity", "heightLowPassTime, -1" })
    void invalidValuesAreRefusedNamingTheSetting(String name, double value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimSettings.defaults().with(name, value));
        assertTrue(e.getMessage().contains("setting '" + name + "'"), e.getMessage());
    }

    @Test
    void componentConfigurationsApplyOnlyTheirSettings() {
        SimSettings s = SimSettings.defaults().withProperties(java.util.Map.of("instrument.id", "sim1",
                "detectionLatency", "0.025", "adcBits", 14, "component.name", "x"));
        assertEquals(0.025, s.detectionLatency());
        assertEquals(14, s.adcBits());
        assertTrue(SimSettings.isInteger("adcBits"));
        assertFalse(SimSettings.isInteger("tipRadius"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimSettings.defaults().withProperties(java.util.Map.of("tipRadius", "thirty")));
        assertTrue(e.getMessage().contains("'tipRadius'"), e.getMessage());
    }

    @Test
    void unknownSettingIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimSettings.defaults().with("tipRadios", 1e-8));
        assertTrue(e.getMessage().contains("'tipRadios'"), e.getMessage());
    }

    @Test
    void inconsistentCombinationsAreRefused() {
        SimSettings d = SimSettings.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.with("alpo4RadiusMin", 200e-9));
        assertTrue(e.getMessage().contains("'alpo4RadiusMin'"), e.getMessage());
    }

    @Test
    void directlyConstructedBadSettingsAreCaughtByValidateAndTheEngine() {
        SimSettings d = SimSettings.defaults();
        SimSettings bad = new SimSettings(d.sampleSeed(), d.sampleWidth(), d.sampleHeight(), d.gridStep(),
                d.grainMeanSize(), d.alpo4AreaFraction(), d.alpo4RadiusMedian(), d.alpo4RadiusLogSigma(),
                d.alpo4RadiusMin(), d.alpo4RadiusMax(), d.eta50Matrix(), d.eta50NoiseSigma(),
                d.eta50NoiseCorrelation(), d.alpo4ProximityDrop(), d.alpo4ProximityLength(), d.boundaryDrop(),
                d.boundaryLength(), d.eta50Floor(), d.topographyCoarseRms(), d.topographyCoarseCorrelation(),
                d.topographyFineRms(), d.topographyFineCorrelation(), d.alpo4Relief(), d.grooveDepth(),
                d.grooveWidth(), d.tipRadius(), d.thresholdPotential(), d.hazardPrefactor(), d.barrierFactor(),
                d.capAspect(), d.nucleusBaseRadius(), d.transferenceNumber(), d.molarVolume(),
                d.contactResistance(), d.electrolyteConductivity(), d.exchangeCurrentDensity(),
                d.transferCoefficient(), d.temperature(), d.amplifierGain(), d.currentLowPass(), Double.NaN,
                d.parasiticCapacitance(), d.adcBits(), d.adcRange(), d.dacBits(), d.dacRange(),
                d.heightLowPassTime(), d.heightNoise(), d.heightSensorBits(),
                d.heightSensorRange(), d.driftX(), d.driftY(), d.driftZ(), d.detectionLatency());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::validate);
        assertTrue(e.getMessage().contains("'currentNoise'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimulatedSample.generate(bad));
        assertThrows(IllegalArgumentException.class,
                () -> new PixelSimulator(bad, SimulatedSample.generate(SimSettings.defaults())));
        assertFalse(SimSettings.specs().isEmpty());
    }
}
