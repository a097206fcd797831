/**
 * Planning a nucleation map before it starts, without an instrument: its instrument time and file
 * size ({@link org.onset.sweep.estimate.MapEstimator}) and the fast approach, a quick first ramp
 * segment that stops short of the thermodynamic onset ({@link org.onset.sweep.estimate.FastApproach}).
 * SI units throughout (V, V/s, s, m, bytes).
 */
package org.onset.sweep.estimate;
