/**
 * Physics engine of the simulated LICGC instrument (PHYSICS.md, "Simulated instrument").
 *
 * <p>{@link org.onset.instrument.sim.engine.SimSettings} names every model parameter with unit,
 * default and description; {@link org.onset.instrument.sim.engine.SimulatedSample} is the seeded
 * microstructure (Voronoi matrix grains, AlPO4 inclusions, local median overpotential, topography);
 * {@link org.onset.instrument.sim.engine.PixelSimulator} runs one hardware-timed bias ramp in
 * virtual time: stochastic nucleation, spherical-cap growth with Butler–Volmer kinetics and series
 * resistance, the current and height signal chains, and the cutoff rule with detection latency.
 * All quantities are SI. Nothing here touches OSGi: the DS driver wraps it.
 */
package org.onset.instrument.sim.engine;
