/**
 * Instruments as services: which instruments are present ({@link org.onset.instrument.registry.InstrumentRegistry}),
 * their status changes on EventAdmin ({@link org.onset.instrument.registry.InstrumentEvents}) and the
 * creation, change and deletion of their Config Admin configurations, checked against the driver's
 * metatype and rolled back when the driver refuses them
 * ({@link org.onset.instrument.registry.InstrumentConfigurator}).
 *
 * <p>Drivers take part by registering {@link org.onset.instrument.api.InstrumentDriver} services with
 * the {@value org.onset.instrument.api.InstrumentDriver#INSTRUMENT_ID} property; a driver that needs
 * no hardware also declares {@value org.onset.instrument.registry.InstrumentRegistry#SIMULATED}{@code =true}
 * as a component property, so that tools can tell simulators apart without knowing their PIDs.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.onset.instrument.registry;
