/**
 * The driver conformance suite run inside a running Onset against an instrument that is configured
 * there, such as one of a driver bundle installed at runtime ({@code onset drivers test ID}).
 */
package org.onset.instrument.conformance.runner;
