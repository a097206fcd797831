/**
 * What every workbench self-test needs besides its own steps: a robot thread that acts on the UI
 * thread, waits for conditions, takes screenshots, and writes the "ok …" / "FAIL …" report the
 * scripts under releng/ read. Used only by the self-tests, which the product model holds only when
 * their system property is set.
 */
package org.onset.ui.selftest;
