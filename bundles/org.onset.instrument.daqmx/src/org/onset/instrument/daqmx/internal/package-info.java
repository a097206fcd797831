/** The NI-DAQmx driver: the C API through JNA, configuration and the driver component. */
package org.onset.instrument.daqmx.internal;
