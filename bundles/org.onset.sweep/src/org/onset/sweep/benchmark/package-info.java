/**
 * The sweep loop's software-overhead benchmark, for {@code onset bench sweep} and the sweep tests.
 * Not API: exported to the benchmarks bundle only.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.onset.sweep.benchmark;
