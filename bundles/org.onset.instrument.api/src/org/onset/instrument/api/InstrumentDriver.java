package org.onset.instrument.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One configured instrument: bias source, current/height acquisition and (optionally) an XY
 * positioner and a topography scanner.
 *
 * <p>Contract every driver honours (the conformance suite checks it):
 * <ul>
 * <li>Activation never blocks; {@link #connect()} and {@link #disconnect()} report the result
 * through {@link #status()} instead of throwing for expected faults (device absent, link lost).</li>
 * <li>Requests outside {@link Capabilities#biasLimits()} are refused with a
 * {@link LimitExceededException} naming the offending value, before anything moves.</li>
 * <li>{@link #abort()} may be called from any thread at any time; when it returns the bias output
 * is 0 V and any running ramp ends with {@link RampOutcome.Termination#ABORTED}.</li>
 * <li>Whenever a ramp ends, for whatever reason, the bias is returned to 0 V.</li>
 * </ul>
 */
@ProviderType
public interface InstrumentDriver {

    /** Service property carrying the unique id of the configured instrument. */
    String INSTRUMENT_ID = "instrument.id";

    /** Identity of the instrument; constant for the life of the service. */
    InstrumentInfo info();

    /** What this instrument can do; constant for the life of the service. */
    Capabilities capabilities();

    /** Current status; never null. */
    InstrumentStatus status();

    /** Opens the link to the hardware. Never throws for expected faults: see {@link #status()}. */
    void connect();

    /** Closes the link; sets the bias to 0 V first when the link still works. */
    void disconnect();

    /**
     * Sets a constant bias.
     *
     * @throws LimitExceededException when {@code volts} is outside the bias limits or not finite
     * @throws NotConnectedException when the instrument is not online
     */
    void setBias(double volts);

    /** The bias the output is set to now, in volts. */
    double bias();

    /**
     * Runs a hardware-timed bias ramp with the cutoff rule armed, streaming sample blocks to
     * {@code sink} on the calling thread, and returns when the ramp ends: rule fired, end reached,
     * aborted or fault. The bias is 0 V when this returns.
     *
     * @throws LimitExceededException when the ramp leaves the bias limits or the rate exceeds the
     *         maximum; nothing is output in that case
     * @throws NotConnectedException when the instrument is not online
     */
    RampOutcome ramp(RampRequest request, SampleSink sink);

    /** Stops any ramp and sets the bias to 0 V. Safe from any thread, idempotent, never throws. */
    void abort();

    /** The XY positioner, when the instrument has one. */
    Optional<Positioner> positioner();

    /** The topography scanner, when the instrument can image the surface. */
    Optional<TopographyScanner> topography();

    /** Registers a listener for status changes; it is called on a driver thread. */
    void addStatusListener(StatusListener listener);

    void removeStatusListener(StatusListener listener);
}
