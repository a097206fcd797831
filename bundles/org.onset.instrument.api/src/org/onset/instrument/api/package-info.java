/**
 * Instrument driver SPI of Onset.
 *
 * <p>A driver is an OSGi service implementing {@link org.onset.instrument.api.InstrumentDriver},
 * registered with the service property {@value org.onset.instrument.api.InstrumentDriver#INSTRUMENT_ID}.
 * All quantities are SI: volts, amperes, metres, seconds, hertz.
 */
package org.onset.instrument.api;
