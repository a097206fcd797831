/** HDF5 map files through jhdf5 (Debian's libsis-jhdf5). */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.onset.storage.hdf5;
