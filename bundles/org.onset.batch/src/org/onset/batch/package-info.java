/** Headless commands of the `onset` command line, contributed as OSGi services. */
package org.onset.batch;
