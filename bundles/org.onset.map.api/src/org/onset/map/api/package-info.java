/**
 * The map model every Onset bundle shares: the {@link org.onset.map.api.Grid}, the
 * {@link org.onset.map.api.PixelRecord} of a measured pixel with its ragged
 * {@link org.onset.map.api.Curve}, the {@link org.onset.map.api.RuleNames rule names} and the
 * {@link org.onset.map.api.MapAttributes file-attribute names}; how a ramp ended is
 * {@link org.onset.instrument.api.RampOutcome.Termination}, the driver SPI's enum. Map files are
 * written through the {@link org.onset.map.api.MapStoreFactory} service and read through the
 * {@link org.onset.map.api.MapReaderService} service. Lengths in m, bias in V, current in A,
 * time in s. The package version is stated in the bundle's MANIFEST.MF.
 */
package org.onset.map.api;
