/**
 * Driver bundles added to, updated in and removed from a running Onset installation
 * ({@link org.onset.instrument.install.DriverInstaller}). What is installed is kept in an installation
 * area under {@code $ONSET_HOME/drivers} and installed again at the next start, so it survives
 * restarts and rebuilds of Onset. A bundle that cannot work (not a bundle, no driver, an
 * incompatible driver-API range, unresolvable imports, an activation that throws) is refused with
 * the reason and leaves the installation exactly as it was.
 */
package org.onset.instrument.install;
