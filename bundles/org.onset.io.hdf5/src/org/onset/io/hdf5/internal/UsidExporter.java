package org.onset.io.hdf5.internal;

import static hdf.hdf5lib.HDF5Constants.H5P_DEFAULT;
import static hdf.hdf5lib.HDF5Constants.H5S_ALL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.onset.io.api.Channel;
import org.onset.io.api.Data;
import org.onset.io.api.DataExporter;
import org.onset.io.api.Image;
import org.onset.io.api.ImageExporter;
import org.onset.io.api.Imported;
import org.onset.io.api.Metadata;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumMap;
import org.onset.io.api.SpectrumSet;
import org.osgi.service.component.annotations.Component;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;

/**
 * Imported data as HDF5 in the layout of Onset's map files and pyUSID: {@code /Measurement_000}
 * with the file's metadata as attributes, and per channel {@code Channel_NNN/Raw_Data}, a 2-D
 * dataset (positions × spectroscopic points) with {@code quantity}, {@code units} and object
 * references to its {@code Position_Indices/Values} and {@code Spectroscopic_Indices/Values}.
 * Spectra: positions are the spectra (and map pixels with X, Y in m), the spectroscopic dimension is
 * the x axis in file order. Images: positions are the pixels (X, Y in m, row 0 at the top), one
 * spectroscopic point per channel.
 */
@Component(service = DataExporter.class, property = ImageExporter.EXTENSION_PROPERTY + "=h5")
public final class UsidExporter implements DataExporter {

    private static final String MEASUREMENT = "/Measurement_000";

    @Override
    public String extension() {
        return "h5";
    }

    /** One main dataset to write: values, shape and its ancillaries. */
    private record Main(String quantity, String units, float[] values, int positions, int spectroscopic,
            String[] positionLabels, String[] positionUnits, int[][] positionIndices, float[][] positionValues,
            String spectroscopicLabel, String spectroscopicUnit, float[] spectroscopicValues) {
    }

    @Override
    public void write(Imported imported, Path file) throws IOException {
        if (Files.exists(file)) {
            throw new IOException(file + " exists: choose a new file name");
        }
        List<Main> mains = mains(imported.data());
        long fid;
        try {
            fid = H5.H5Fcreate(file.toString(), HDF5Constants.H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT);
        } catch (HDF5Exception | UnsatisfiedLinkError e) {
            throw new IOException(file + ": cannot create the HDF5 file: " + e.getMessage(), e);
        }
        try {
            setString(fid, "/", "onset_format", "onset-imported-data");
            setString(fid, "/", "source_file", imported.file().toString());
            setString(fid, "/", "source_format", imported.format());
            setString(fid, "/", "importer", imported.importerId());
            setString(fid, "/", "kind", imported.data().kind());
            group(fid, MEASUREMENT);
            for (Map.Entry<String, Metadata.Value> e : imported.metadata().entries().entrySet()) {
                String name = e.getKey().replace('/', '_');
                Metadata.Value v = e.getValue();
                if (v instanceof Metadata.Number n) {
                    setDouble(fid, MEASUREMENT, name, n.value());
                } else if (v instanceof Metadata.Flag f) {
                    setString(fid, MEASUREMENT, name, Boolean.toString(f.value()));
                } else if (v instanceof Metadata.Text t) {
                    setString(fid, MEASUREMENT, name, t.value());
                }
            }
            for (int c = 0; c < mains.size(); c++) {
                writeMain(fid, String.format(MEASUREMENT + "/Channel_%03d", c), mains.get(c));
            }
        } catch (HDF5Exception e) {
            throw new IOException(file + ": writing HDF5 failed: " + e.getMessage(), e);
        } finally {
            try {
                H5.H5Fclose(fid);
            } catch (HDF5Exception e) {
                // the write already failed or succeeded; closing errors add nothing the user can act on
            }
        }
    }

    private static List<Main> mains(Data data) {
        List<Main> mains = new ArrayList<>();
        if (data instanceof Spectrum s) {
            mains.add(spectra(List.of(s), null));
        } else if (data instanceof SpectrumSet set) {
            mains.add(spectra(set.spectra(), set.index()));
        } else if (data instanceof SpectrumMap map) {
            int n = map.nx() * map.ny();
            int[][] idx = new int[n][2];
            float[][] val = new float[n][2];
            for (int i = 0; i < n; i++) {
                idx[i][0] = i % map.nx();
                idx[i][1] = i / map.nx();
                val[i][0] = (float) (Double.isNaN(map.positionX()[i]) ? idx[i][0] : map.positionX()[i]);
                val[i][1] = (float) (Double.isNaN(map.positionY()[i]) ? idx[i][1] : map.positionY()[i]);
            }
            boolean known = !Double.isNaN(map.positionX()[0]);
            mains.add(new Main(map.yQuantity(), map.yUnit(), map.intensities(), n, map.points(),
                    new String[] { "X", "Y" }, known ? new String[] { "m", "m" } : new String[] { "", "" }, idx, val,
                    map.x().quantity(), map.x().unit(), floats(map.x().values())));
        } else if (data instanceof Image image) {
            int n = image.nx() * image.ny();
            int[][] idx = new int[n][2];
            float[][] val = new float[n][2];
            double dx = image.widthM() / image.nx();
            double dy = image.heightM() / image.ny();
            for (int i = 0; i < n; i++) {
                idx[i][0] = i % image.nx();
                idx[i][1] = i / image.nx();
                val[i][0] = (float) (image.offsetXM() + (idx[i][0] + 0.5) * dx);
                val[i][1] = (float) (image.offsetYM() - (idx[i][1] + 0.5) * dy);
            }
            for (Channel c : image.channels()) {
                mains.add(new Main(c.quantity() + " (" + c.name() + ")", c.unit(), floats(c.z()), n, 1,
                        new String[] { "X", "Y" }, new String[] { "m", "m" }, idx, val, "None", "",
                        new float[] { 0 }));
            }
        }
        return mains;
    }

    /** Spectra as rows; spectra of other lengths are NaN-padded, their x then given as point index. */
    private static Main spectra(List<Spectrum> spectra, org.onset.io.api.Axis index) {
        Spectrum first = spectra.get(0);
        int p = spectra.stream().mapToInt(s -> s.x().size()).max().orElse(0);
        boolean shared = spectra.stream().allMatch(s -> Arrays.equals(s.x().values(), first.x().values()));
        int n = spectra.size();
        float[] v = new float[n * p];
        Arrays.fill(v, Float.NaN);
        for (int i = 0; i < n; i++) {
            double[] y = spectra.get(i).y().values();
            for (int k = 0; k < y.length; k++) {
                v[i * p + k] = (float) y[k];
            }
        }
        int[][] idx = new int[n][1];
        float[][] val = new float[n][1];
        for (int i = 0; i < n; i++) {
            idx[i][0] = i;
            val[i][0] = (float) (index == null ? i : index.values()[i]);
        }
        float[] x = new float[p];
        for (int k = 0; k < p; k++) {
            x[k] = shared ? (float) first.x().values()[k] : k;
        }
        return new Main(first.y().quantity(), first.y().unit(), v, n, p,
                new String[] { index == null ? "Spectrum" : index.quantity() },
                new String[] { index == null ? "" : index.unit() }, idx, val,
                shared ? first.x().quantity() : "point", shared ? first.x().unit() : "", x);
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static void writeMain(long fid, String channel, Main m) throws HDF5Exception {
        group(fid, channel);
        String raw = channel + "/Raw_Data";
        dataset(fid, raw, HDF5Constants.H5T_IEEE_F32LE, HDF5Constants.H5T_NATIVE_FLOAT,
                new long[] { m.positions(), m.spectroscopic() }, m.values());
        setString(fid, raw, "quantity", m.quantity());
        setString(fid, raw, "units", m.units());
        int dims = m.positionLabels().length;
        int[] posIdx = new int[m.positions() * dims];
        float[] posVal = new float[m.positions() * dims];
        for (int i = 0; i < m.positions(); i++) {
            for (int d = 0; d < dims; d++) {
                posIdx[i * dims + d] = m.positionIndices()[i][d];
                posVal[i * dims + d] = m.positionValues()[i][d];
            }
        }
        long[] posShape = { m.positions(), dims };
        dataset(fid, channel + "/Position_Indices", HDF5Constants.H5T_STD_U32LE, HDF5Constants.H5T_NATIVE_UINT32,
                posShape, posIdx);
        dataset(fid, channel + "/Position_Values", HDF5Constants.H5T_IEEE_F32LE, HDF5Constants.H5T_NATIVE_FLOAT,
                posShape, posVal);
        int[] specIdx = new int[m.spectroscopic()];
        for (int k = 0; k < specIdx.length; k++) {
            specIdx[k] = k;
        }
        long[] specShape = { 1, m.spectroscopic() };
        dataset(fid, channel + "/Spectroscopic_Indices", HDF5Constants.H5T_STD_U32LE,
                HDF5Constants.H5T_NATIVE_UINT32, specShape, specIdx);
        dataset(fid, channel + "/Spectroscopic_Values", HDF5Constants.H5T_IEEE_F32LE, HDF5Constants.H5T_NATIVE_FLOAT,
                specShape, m.spectroscopicValues());
        for (String anc : new String[] { "Position_Indices", "Position_Values" }) {
            setStrings(fid, channel + "/" + anc, "labels", m.positionLabels());
            setStrings(fid, channel + "/" + anc, "units", m.positionUnits());
        }
        for (String anc : new String[] { "Spectroscopic_Indices", "Spectroscopic_Values" }) {
            setStrings(fid, channel + "/" + anc, "labels", new String[] { m.spectroscopicLabel() });
            setStrings(fid, channel + "/" + anc, "units", new String[] { m.spectroscopicUnit() });
        }
        for (String anc : new String[] { "Position_Indices", "Position_Values", "Spectroscopic_Indices",
                "Spectroscopic_Values" }) {
            setReference(fid, raw, anc, channel + "/" + anc);
        }
    }

    private static void group(long fid, String path) throws HDF5Exception {
        H5.H5Gclose(H5.H5Gcreate(fid, path, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    }

    private static void dataset(long fid, String path, long fileType, long memType, long[] dims, Object data)
            throws HDF5Exception {
        long space = H5.H5Screate_simple(dims.length, dims, null);
        try {
            long ds = H5.H5Dcreate(fid, path, fileType, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            try {
                H5.H5Dwrite(ds, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
            } finally {
                H5.H5Dclose(ds);
            }
        } finally {
            H5.H5Sclose(space);
        }
    }

    private static void setString(long fid, String object, String name, String value) throws HDF5Exception {
        strings(fid, object, name, new String[] { value }, true);
    }

    private static void setStrings(long fid, String object, String name, String[] values) throws HDF5Exception {
        strings(fid, object, name, values, false);
    }

    private static void strings(long fid, String object, String name, String[] values, boolean scalar)
            throws HDF5Exception {
        long type = H5.H5Tcopy(HDF5Constants.H5T_C_S1);
        long space = scalar ? H5.H5Screate(HDF5Constants.H5S_SCALAR)
                : H5.H5Screate_simple(1, new long[] { values.length }, null);
        long obj = H5.H5Oopen(fid, object, H5P_DEFAULT);
        try {
            H5.H5Tset_size(type, HDF5Constants.H5T_VARIABLE);
            H5.H5Tset_cset(type, HDF5Constants.H5T_CSET_UTF8);
            long attr = H5.H5Acreate(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
            try {
                H5.H5AwriteVL(attr, type, values);
            } finally {
                H5.H5Aclose(attr);
            }
        } finally {
            H5.H5Oclose(obj);
            H5.H5Sclose(space);
            H5.H5Tclose(type);
        }
    }

    private static void setDouble(long fid, String object, String name, double value) throws HDF5Exception {
        long space = H5.H5Screate(HDF5Constants.H5S_SCALAR);
        long obj = H5.H5Oopen(fid, object, H5P_DEFAULT);
        try {
            long attr = H5.H5Acreate(obj, name, HDF5Constants.H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT);
            try {
                H5.H5Awrite(attr, HDF5Constants.H5T_NATIVE_DOUBLE, new double[] { value });
            } finally {
                H5.H5Aclose(attr);
            }
        } finally {
            H5.H5Oclose(obj);
            H5.H5Sclose(space);
        }
    }

    private static void setReference(long fid, String object, String name, String target) throws HDF5Exception {
        byte[] ref = H5.H5Rcreate(fid, target, HDF5Constants.H5R_OBJECT, -1);
        long space = H5.H5Screate(HDF5Constants.H5S_SCALAR);
        long obj = H5.H5Oopen(fid, object, H5P_DEFAULT);
        try {
            long attr = H5.H5Acreate(obj, name, HDF5Constants.H5T_STD_REF_OBJ, space, H5P_DEFAULT, H5P_DEFAULT);
            try {
                H5.H5Awrite(attr, HDF5Constants.H5T_STD_REF_OBJ, ref);
            } finally {
                H5.H5Aclose(attr);
            }
        } finally {
            H5.H5Oclose(obj);
            H5.H5Sclose(space);
        }
    }
}
