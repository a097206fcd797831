/** What is running: Onset version, Java runtime, bundles and their states, instrument drivers. */
package org.onset.system;
