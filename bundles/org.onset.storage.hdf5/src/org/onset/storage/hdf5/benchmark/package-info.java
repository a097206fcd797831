/**
 * The HDF5 writing benchmark (Onset against python3-h5py), for {@code onset bench hdf5} and the
 * storage tests. Not API: exported to the benchmarks bundle only.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.onset.storage.hdf5.benchmark;
