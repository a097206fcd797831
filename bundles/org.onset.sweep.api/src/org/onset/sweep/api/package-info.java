/**
 * Compliance sweep service of Onset: a {@link org.onset.sweep.api.MapRecipe} describes a nucleation
 * map, {@link org.onset.sweep.api.SweepService#start} runs it on an instrument and writes an HDF5
 * file, and the returned {@link org.onset.sweep.api.SweepRun} is paused, resumed or aborted while
 * it runs. Every pixel is also announced on EventAdmin (topics in
 * {@link org.onset.sweep.api.SweepEvents}). Quantities in this API are SI: m, V, V/s, A, s, Hz;
 * the JSON recipe format puts the unit into each field name (nm, V, pA, ...).
 */
@org.osgi.annotation.versioning.Version("2.0.0")
package org.onset.sweep.api;
