package org.onset.instrument.install.tests.stub;

import java.util.Map;
import java.util.Optional;

import org.onset.instrument.api.BiasLimits;
import org.onset.instrument.api.Capabilities;
import org.onset.instrument.api.Channel;
import org.onset.instrument.api.ChannelSpec;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentInfo;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.api.Positioner;
import org.onset.instrument.api.RampOutcome;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.SampleSink;
import org.onset.instrument.api.StatusListener;
import org.onset.instrument.api.TopographyScanner;

/**
 * Not part of the tests' own runtime: its class file is copied by {@code DriverInstallerTest} into
 * the bundle jars it builds, with a hand-written DS descriptor, so that the installer sees a real
 * driver component. It only registers; it measures nothing.
 */
public class StubDriver implements InstrumentDriver {

    private String id = "stub";

    /** DS activate method (named in the descriptor the test writes). */
    public void activate(Map<String, Object> properties) {
        Object v = properties.get(INSTRUMENT_ID);
        if (v != null) {
            id = v.toString();
        }
    }

    @Override
    public InstrumentInfo info() {
        return new InstrumentInfo(id, "Stub driver of the installer tests", "Onset tests", "stub", "0", true);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(Map.of(Channel.BIAS, new ChannelSpec(Channel.BIAS, -10, 10, 1e-3),
                Channel.CURRENT, new ChannelSpec(Channel.CURRENT, -1e-6, 1e-6, 1e-12)), new BiasLimits(-10, 10, 100),
                1000, false, false, false);
    }

    @Override
    public InstrumentStatus status() {
        return InstrumentStatus.of(InstrumentStatus.State.OFFLINE, "stub");
    }

    @Override
    public void connect() {
    }

    @Override
    public void disconnect() {
    }

    @Override
    public void setBias(double volts) {
    }

    @Override
    public double bias() {
        return 0;
    }

    @Override
    public RampOutcome ramp(RampRequest request, SampleSink sink) {
        throw new UnsupportedOperationException("the stub driver does not ramp");
    }

    @Override
    public void abort() {
    }

    @Override
    public Optional<Positioner> positioner() {
        return Optional.empty();
    }

    @Override
    public Optional<TopographyScanner> topography() {
        return Optional.empty();
    }

    @Override
    public void addStatusListener(StatusListener listener) {
    }

    @Override
    public void removeStatusListener(StatusListener listener) {
    }
}
