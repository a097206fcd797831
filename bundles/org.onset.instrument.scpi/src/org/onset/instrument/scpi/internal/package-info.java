/** The SCPI source-measure-unit driver: configuration, the TCP link and the driver component. */
package org.onset.instrument.scpi.internal;
