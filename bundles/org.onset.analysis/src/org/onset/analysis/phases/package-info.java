/**
 * Phases of the sample found in the data and the onset statistics that depend on them: AlPO4 as
 * the clusters of pixels that never nucleate, the distance of each pixel to the nearest AlPO4
 * boundary, onset against that distance (binned medians with bootstrap intervals) and the
 * Mann–Whitney U test of the boundary band against the matrix (the paper's Figs. 4–5).
 */
package org.onset.analysis.phases;
