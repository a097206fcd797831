/**
 * Driver conformance suite: an abstract JUnit 5 class that every instrument driver's test fragment
 * subclasses, so that every driver honours the contract of
 * {@link org.onset.instrument.api.InstrumentDriver} the same way.
 */
package org.onset.instrument.conformance;
