/**
 * Li particles in a height image (usually the after − before difference): detection by a
 * threshold above the background and a watershed that separates touching particles; per particle
 * the volume above its local baseline, height, equivalent radius, centroid and the ramps (map
 * pixels) it belongs to; the transference number from particle volumes against the charge of the
 * stored curves. SI units throughout (m, m³, C).
 */
package org.onset.analysis.particles;
