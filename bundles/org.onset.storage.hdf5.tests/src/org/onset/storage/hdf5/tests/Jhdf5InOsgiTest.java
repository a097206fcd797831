package org.onset.storage.hdf5.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.storage.hdf5.internal.Hdf5Library;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import ch.systemsx.cisd.hdf5.HDF5Factory;
import ch.systemsx.cisd.hdf5.IHDF5Reader;
import ch.systemsx.cisd.hdf5.IHDF5Writer;

/** Proves that jhdf5 and its native library work inside the OSGi framework, not just on a classpath. */
class Jhdf5InOsgiTest {

    @TempDir
    Path dir;

    @Test
    void runsInsideAnOsgiFramework() {
        Bundle b = FrameworkUtil.getBundle(Hdf5Library.class);
        assertNotNull(b, "test must run inside OSGi");
        assertEquals("org.onset.storage.hdf5", b.getSymbolicName());
        Bundle jhdf5 = FrameworkUtil.getBundle(HDF5Factory.class);
        assertNotNull(jhdf5, "jhdf5 must come from its own bundle");
        assertEquals("ch.systemsx.cisd.sis-jhdf5", jhdf5.getSymbolicName());
    }

    @Test
    void nativeLibraryLoads() {
        String v = Hdf5Library.nativeVersion();
        assertTrue(v.matches("1\\.\\d+\\.\\d+"), "HDF5 version looks like 1.x.y: " + v);
    }

    @Test
    void writesAndReadsBackChunkedDataAndAttributes() {
        File f = dir.resolve("roundtrip.h5").toFile();
        double[] curve = new double[10_000];
        for (int i = 0; i < curve.length; i++) {
            curve[i] = Math.sin(i * 1e-3) * -4.2;
        }
        try (IHDF5Writer w = HDF5Factory.open(f)) {
            w.float64().writeArray("/Measurement_000/Channel_000/bias", curve);
            w.string().setAttr("/Measurement_000/Channel_000/bias", "units", "V");
            w.int32().writeMatrix("/grid", new int[][] { { 1, 2, 3 }, { 4, 5, 6 } });
        }
        assertTrue(f.length() > curve.length * 8L, "file holds the data: " + f.length() + " B");
        try (IHDF5Reader r = HDF5Factory.openForReading(f)) {
            assertArrayEquals(curve, r.float64().readArray("/Measurement_000/Channel_000/bias"), 0.0);
            assertEquals("V", r.string().getAttr("/Measurement_000/Channel_000/bias", "units"));
            assertArrayEquals(new int[] { 4, 5, 6 }, r.int32().readMatrix("/grid")[1]);
        }
    }
}
