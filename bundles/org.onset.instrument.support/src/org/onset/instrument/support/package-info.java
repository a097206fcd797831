/**
 * Pieces every hardware driver needs and that have nothing to do with its hardware: its settings
 * read with all their problems collected, the status
 * with its listeners, and the cutoff rule checked block by block on acquired samples. Not API for
 * the rest of Onset: drivers use it, nobody else.
 */
package org.onset.instrument.support;
