/**
 * Every analysis of issue 10 run on one map file, with what could not run and why: topography
 * (levelling, registration, difference), particles and their ramps, the transference number from
 * the stored curves (streamed one pixel at a time), phases from the data (or a user's mask),
 * onset by phase and by distance to AlPO4, and the Mann–Whitney test of boundary band against
 * matrix. The map file is only read.
 */
package org.onset.analysis.report;
