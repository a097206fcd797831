/** What is running: Onset version, Java runtime, bundles and their states, instrument drivers. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.onset.system;
