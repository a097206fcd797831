package org.onset.storage.hdf5.internal;

/**
 * The native HDF5 library as seen through jhdf5. Loading fails with a clear message when
 * Debian's libsis-jhdf5-jni is missing or java.library.path does not point at it.
 */
public final class Hdf5Library {

    private Hdf5Library() {
    }

    /** Version of the native HDF5 library, e.g. "1.10.8"; throws when it cannot be loaded. */
    public static String nativeVersion() {
        try {
            int[] v = new int[3];
            hdf.hdf5lib.H5.H5get_libversion(v);
            return v[0] + "." + v[1] + "." + v[2];
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new IllegalStateException("the HDF5 native library (libsis-jhdf5.so) could not be loaded: install "
                    + "Debian's libsis-jhdf5-jni and start Java with -Djava.library.path=/usr/lib/jni (" + e + ")", e);
        }
    }
}
