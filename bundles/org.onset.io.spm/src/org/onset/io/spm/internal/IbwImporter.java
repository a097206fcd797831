package org.onset.io.spm.internal;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.onset.io.api.Axis;
import org.onset.io.api.Channel;
import org.onset.io.api.ContentProbe;
import org.onset.io.api.Data;
import org.onset.io.api.Image;
import org.onset.io.api.ImportException;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.Imported;
import org.onset.io.api.Importer;
import org.onset.io.api.Match;
import org.onset.io.api.Metadata;
import org.onset.io.api.Signal;
import org.onset.io.api.Spectrum;
import org.onset.io.support.Bytes;
import org.onset.io.support.Cancel;
import org.onset.io.support.Limits;
import org.onset.io.support.Texts;
import org.osgi.service.component.annotations.Component;

/**
 * Igor binary wave version 5 (WaveMetrics TN003), as Asylum Research writes its images: a 64-byte
 * BinHeader5, a 320-byte WaveHeader5, the data, the formula and the note ("Key: value" lines), then
 * units and dimension labels. Byte order from the version field. 2D/3D waves are images
 * [x, y, channel] with x fastest; 1D waves are spectra.
 * <p>
 * The older versions 1, 2 and 3 (one-dimensional waves only) have a BinHeader of 8, 16 or 20 bytes and
 * the 126-byte WaveHeader2 whose last 16 bytes are the first data bytes: data start 110 bytes into
 * it; x = hsB + hsA·i with the 3-character units of the header. Versions 2 and 3 may carry a note
 * after the data and 16 bytes of padding; it is read when it fits, as "Key: value" lines. The
 * header checksum is not checked (the registry judges files by content, and data that decode are
 * kept).
 */
@Component(service = Importer.class)
public final class IbwImporter implements Importer {

    static final String FORMAT = "Igor Binary Wave";
    private static final int BIN_HEADER = 64;
    private static final int WAVE_HEADER = 320;
    private static final int LABEL = 32;
    /** WaveHeader2 (versions 1–3) up to its wData field, where the data start. */
    private static final int WAVE_HEADER2_TO_DATA = 110;

    @Override
    public String id() {
        return "igor-ibw";
    }

    @Override
    public String formatName() {
        return FORMAT + " (.ibw, Asylum)";
    }

    @Override
    public List<String> extensions() {
        return List.of("ibw");
    }

    @Override
    public Match match(ContentProbe probe) {
        byte[] h = probe.head();
        if (h.length >= BIN_HEADER + WAVE_HEADER && (h[0] == 5 && h[1] == 0 || h[0] == 0 && h[1] == 5)) {
            return Match.content("version-5 Igor binary wave header");
        }
        for (ByteOrder order : new ByteOrder[] { ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN }) {
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(h).order(order);
            int version = h.length >= 2 ? bb.getShort(0) : 0;
            if (version >= 1 && version <= 3) {
                int w = binHeader2Size(version);
                if (h.length >= w + 46) {
                    int type = bb.getShort(w);
                    int npnts = bb.getInt(w + 42);
                    if (width(type) > 0 && npnts > 0) {
                        return Match.content("version-" + version + " Igor binary wave header");
                    }
                }
            }
        }
        return probe.extension().equals("ibw") ? Match.extension("ibw") : Match.none();
    }

    @Override
    public Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        Bytes b = Bytes.read(file, ByteOrder.LITTLE_ENDIAN);
        String name = b.name();
        b.need(0, 2, "the version field");
        int version = b.i16(0);
        if (version != 5 && (version < 1 || version > 3)) {
            b.order(ByteOrder.BIG_ENDIAN);
            version = b.i16(0);
            if (version != 5 && (version < 1 || version > 3)) {
                throw new ImportException(name + ": Igor wave version " + b.i16(0) + " (or "
                        + b.order(ByteOrder.LITTLE_ENDIAN).i16(0) + " little-endian) is not supported (versions 1, 2,"
                        + " 3 and 5 are)");
            }
        }
        if (version < 5) {
            return readOld(file, b, version, monitor);
        }
        b.need(0, BIN_HEADER + WAVE_HEADER, "the version-5 headers");
        long formulaSize = b.u32(8);
        long noteSize = b.u32(12);
        long[] dimLabelsSize = new long[4];
        for (int d = 0; d < 4; d++) {
            dimLabelsSize[d] = b.u32(36 + 4 * d);
        }
        int w = BIN_HEADER;
        long npnts = b.u32(w + 12);
        int type = b.i16(w + 16);
        String waveName = b.text(w + 28, 32);
        long[] dims = new long[4];
        double[] sfA = new double[4];
        double[] sfB = new double[4];
        String[] dimUnits = new String[4];
        int rank = 0;
        for (int d = 0; d < 4; d++) {
            dims[d] = b.u32(w + 68 + 4 * d);
            sfA[d] = b.f64(w + 84 + 8 * d);
            sfB[d] = b.f64(w + 116 + 8 * d);
            dimUnits[d] = b.text(w + 152 + 4 * d, 4);
            if (dims[d] > 0) {
                rank = d + 1;
            }
        }
        String dataUnit = b.text(w + 148, 4);
        if ((type & 1) != 0) {
            throw new ImportException(name + ": complex waves are not supported");
        }
        int width = switch (type & ~0x40) {
            case 2 -> 4;
            case 4 -> 8;
            case 8 -> 1;
            case 0x10 -> 2;
            case 0x20 -> 4;
            default -> throw new ImportException(name + ": wave type " + type + " is not a numeric type");
        };
        boolean unsigned = (type & 0x40) != 0;
        long dataStart = BIN_HEADER + WAVE_HEADER;
        int n = Limits.count(name, "npnts", npnts, width, b.length() - dataStart);
        if (rank == 0 || Limits.product(name, "nDim", dims[0], Math.max(1, dims[1]), Math.max(1, dims[2]),
                Math.max(1, dims[3])) != npnts) {
            throw new ImportException(name + ": nDim " + dims[0] + " × " + dims[1] + " × " + dims[2]
                    + " does not give npnts " + npnts);
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            if (i % 65536 == 0) {
                Cancel.check(monitor, name, 0.9 * i / n);
            }
            long at = dataStart + (long) i * width;
            values[i] = switch (type & ~0x40) {
                case 2 -> b.f32(at);
                case 4 -> b.f64(at);
                case 8 -> unsigned ? b.u8(at) : b.i8(at);
                case 0x10 -> unsigned ? b.u16(at) : b.i16(at);
                default -> unsigned ? b.u32(at) : b.i32(at);
            };
        }
        Metadata.Builder m = new Metadata.Builder().text(Metadata.TITLE, waveName);
        long noteAt = dataStart + (long) n * width + formulaSize;
        if (noteSize > 0 && noteAt + noteSize <= b.length()) {
            for (String line : Texts.lines(b.text(noteAt, (int) noteSize))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    m.text(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                }
            }
        }
        Data data;
        if (rank == 1) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = sfB[0] + sfA[0] * i;
            }
            data = new Spectrum(new Axis(dimUnits[0].isEmpty() ? "x" : "x", dimUnits[0], x),
                    new Signal(waveName, dataUnit, values));
        } else {
            int nx = (int) dims[0];
            int ny = (int) dims[1];
            int nc = (int) Math.max(1, dims[2]) * (int) Math.max(1, dims[3]);
            List<String> labels = channelLabels(b, noteAt + noteSize, dimLabelsSize, b.u32(16), b.u32(20),
                    b.u32(24), nc);
            List<Channel> channels = new ArrayList<>();
            int plane = nx * ny;
            for (int c = 0; c < nc; c++) {
                double[] z = new double[plane];
                // Igor stores column-major with x fastest and y = 0 at the bottom; row 0 here is the top
                for (int y = 0; y < ny; y++) {
                    System.arraycopy(values, c * plane + y * nx, z, (ny - 1 - y) * nx, nx);
                }
                String label = labels.get(c);
                String unit = label.toLowerCase().contains("height") || label.toLowerCase().contains("zsensor") ? "m"
                        : dataUnit;
                channels.add(new Channel(label, unit.equals("m") ? "height" : label, unit, z));
            }
            double width2 = Math.abs(sfA[0]) * nx;
            double height = Math.abs(sfA[1]) * ny;
            data = new Image(nx, ny, width2 > 0 ? width2 : nx, height > 0 ? height : ny, sfB[0],
                    sfB[1] + height, channels);
        }
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "", data, m.build());
    }

    /** Size of BinHeader1, 2 or 3. */
    private static int binHeader2Size(int version) {
        return switch (version) {
            case 1 -> 8;
            case 2 -> 16;
            default -> 20;
        };
    }

    /** Bytes per point of an Igor number type, 0 when it is not one (or complex). */
    private static int width(int type) {
        if ((type & 1) != 0) {
            return 0;
        }
        return switch (type & ~0x40) {
            case 2 -> 4;
            case 4 -> 8;
            case 8 -> 1;
            case 0x10 -> 2;
            case 0x20 -> 4;
            default -> 0;
        };
    }

    /** Versions 1–3: a one-dimensional wave after the BinHeader and the WaveHeader2. */
    private Imported readOld(Path file, Bytes b, int version, ImportMonitor monitor) throws ImportException {
        String name = b.name();
        int w = binHeader2Size(version);
        b.need(0, w + WAVE_HEADER2_TO_DATA, "the version-" + version + " headers");
        int type = b.i16(w);
        if ((type & 1) != 0) {
            throw new ImportException(name + ": complex waves are not supported");
        }
        int width = width(type);
        if (width == 0) {
            throw new ImportException(name + ": wave type " + type + " is not a numeric type");
        }
        boolean unsigned = (type & 0x40) != 0;
        String waveName = b.text(w + 6, 20);
        String dataUnit = b.text(w + 34, 4);
        String xUnit = b.text(w + 38, 4);
        long npnts = b.i32(w + 42);
        double hsA = b.f64(w + 48);
        double hsB = b.f64(w + 56);
        long dataStart = w + WAVE_HEADER2_TO_DATA;
        if (npnts <= 0) {
            throw new ImportException(name + ": npnts " + npnts + " (a wave needs at least one point)");
        }
        int n = Limits.count(name, "npnts", npnts, width, b.length() - dataStart);
        double[] values = new double[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            if (i % 65536 == 0) {
                Cancel.check(monitor, name, 0.9 * i / n);
            }
            long at = dataStart + (long) i * width;
            values[i] = switch (type & ~0x40) {
                case 2 -> b.f32(at);
                case 4 -> b.f64(at);
                case 8 -> unsigned ? b.u8(at) : b.i8(at);
                case 0x10 -> unsigned ? b.u16(at) : b.i16(at);
                default -> unsigned ? b.u32(at) : b.i32(at);
            };
            x[i] = hsB + hsA * i;
        }
        Metadata.Builder m = new Metadata.Builder().text(Metadata.TITLE, waveName)
                .number("igor_version", version, "");
        if (version >= 2) {
            long noteSize = b.u32(6);
            long noteAt = dataStart + (long) n * width + 16;
            if (noteSize > 0 && noteSize < Integer.MAX_VALUE && noteAt + noteSize <= b.length()) {
                for (String line : Texts.lines(b.text(noteAt, (int) noteSize))) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        m.text(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                    }
                }
            }
        }
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "", new Spectrum(new Axis("x", xUnit, x),
                new Signal(waveName.isEmpty() ? "value" : waveName, dataUnit, values)), m.build());
    }

    /** Labels of the channel dimension (dimension 2), after the note and the units; "channel N" if absent. */
    private static List<String> channelLabels(Bytes b, long afterNote, long[] dimLabelsSize, long dataEUnitsSize,
            long dimEUnits0, long dimEUnits1, int channels) throws ImportException {
        List<String> labels = new ArrayList<>();
        long at = afterNote + dataEUnitsSize;
        for (int d = 0; d < 4; d++) {
            at += b.u32(20 + 4 * d); // extended dimension units
        }
        at += dimLabelsSize[0] + dimLabelsSize[1];
        if (dimLabelsSize[2] >= (long) LABEL * (channels + 1) && at + dimLabelsSize[2] <= b.length()) {
            for (int c = 0; c < channels; c++) {
                labels.add(b.text(at + (long) LABEL * (c + 1), LABEL));
            }
        }
        while (labels.size() < channels) {
            labels.add("channel " + labels.size());
        }
        return labels;
    }
}
