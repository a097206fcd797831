/** Headless commands of the `onset` command line, contributed as OSGi services. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.onset.batch;
