package org.onset.io.raman.internal;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.onset.io.api.Axis;
import org.onset.io.api.ContentProbe;
import org.onset.io.api.ImportException;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.Imported;
import org.onset.io.api.Importer;
import org.onset.io.api.Match;
import org.onset.io.api.Metadata;
import org.onset.io.api.Signal;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumSet;
import org.onset.io.support.Bytes;
import org.onset.io.support.Cancel;
import org.onset.io.support.Limits;
import org.onset.io.support.Texts;
import org.osgi.service.component.annotations.Component;

/**
 * Galactic/Thermo .spc after the public SPC.H: the new format (0x4B little-endian, 0x4C big-endian,
 * 512-byte header) with single and multifile data, per-subfile exponents, a shared x array or
 * per-subfile x (XYXY), and the old format (0x4D, 256-byte header, int32 stored high word first).
 */
@Component(service = Importer.class)
public final class GalacticSpcImporter implements Importer {

    static final String FORMAT = "Galactic SPC";
    private static final int TSPREC = 1;
    private static final int TMULTI = 4;
    private static final int TXYXYS = 64;
    private static final int TXVALS = 128;
    private static final int FLOAT_EXPONENT = -128;

    @Override
    public String id() {
        return "galactic-spc";
    }

    @Override
    public String formatName() {
        return FORMAT + " (.spc)";
    }

    @Override
    public List<String> extensions() {
        return List.of("spc");
    }

    @Override
    public Match match(ContentProbe probe) {
        if (probe.head().length >= 256) {
            int version = probe.head()[1] & 0xFF;
            if (version == 0x4B || version == 0x4C) {
                return probe.head().length >= 512 || probe.size() >= 512
                        ? Match.content("version byte 0x" + Integer.toHexString(version) + " (new format)")
                        : Match.none();
            }
            if (version == 0x4D) {
                return Match.content("version byte 0x4d (old format)");
            }
        }
        return probe.extension().equals("spc") ? Match.extension("spc") : Match.none();
    }

    @Override
    public Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        byte[] raw = Bytes.readAll(file);
        String name = file.getFileName().toString();
        if (raw.length < 2) {
            throw new ImportException(name + ": " + raw.length + " B is too short for an SPC header");
        }
        int version = raw[1] & 0xFF;
        return switch (version) {
            case 0x4B -> readNew(file, new Bytes(name, raw, ByteOrder.LITTLE_ENDIAN), monitor);
            case 0x4C -> readNew(file, new Bytes(name, raw, ByteOrder.BIG_ENDIAN), monitor);
            case 0x4D -> readOld(file, new Bytes(name, raw, ByteOrder.LITTLE_ENDIAN), monitor);
            default -> throw new ImportException(name + ": SPC version byte 0x" + Integer.toHexString(version)
                    + " is not 0x4B, 0x4C (new) or 0x4D (old format)");
        };
    }

    private Imported readNew(Path file, Bytes b, ImportMonitor monitor) throws ImportException {
        String name = b.name();
        b.need(0, 512, "the 512-byte header");
        int flags = b.u8(0);
        int fexp = b.i8(3);
        long fnpts = b.u32(4);
        double first = b.f64(8);
        double last = b.f64(16);
        long fnsub = b.u32(24);
        int xtype = b.u8(28);
        int ytype = b.u8(29);
        long logOffset = b.u32(248);
        boolean multi = (flags & TMULTI) != 0;
        boolean xyxy = (flags & TXYXYS) != 0;
        boolean xvals = (flags & TXVALS) != 0;
        boolean prec16 = (flags & TSPREC) != 0;
        int subfiles = multi ? (int) Math.max(1, Limits.count(name, "fnsub", fnsub, 32, b.length() - 512)) : 1;
        Units.QU xq = Units.spcX(xtype);
        Units.QU yq = Units.spcY(ytype);
        long at = 512;
        double[] sharedX = null;
        if (!xyxy) {
            int n = Limits.count(name, "fnpts", fnpts, 4, b.length() - 512);
            if (n < 1) {
                throw new ImportException(name + ": fnpts is 0: no points");
            }
            sharedX = new double[n];
            if (xvals) {
                for (int i = 0; i < n; i++) {
                    sharedX[i] = b.f32(at + 4L * i);
                }
                at += 4L * n;
            } else {
                Limits.finite(name, "ffirst", first);
                Limits.finite(name, "flast", last);
                for (int i = 0; i < n; i++) {
                    sharedX[i] = n == 1 ? first : first + (last - first) * i / (n - 1);
                }
            }
        }
        List<Spectrum> spectra = new ArrayList<>(subfiles);
        double[] z = new double[subfiles];
        for (int s = 0; s < subfiles; s++) {
            Cancel.check(monitor, name, s / (double) subfiles);
            b.need(at, 32, "subfile " + s + " header");
            int subexp = b.i8(at + 1);
            z[s] = b.f32(at + 4);
            long subnpts = b.u32(at + 16);
            at += 32;
            double[] x = sharedX;
            int n;
            if (xyxy) {
                n = Limits.count(name, "subfile " + s + " points", subnpts, 8, b.length() - at);
                x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = b.f32(at + 4L * i);
                }
                at += 4L * n;
            } else {
                n = sharedX.length;
            }
            int exp = multi ? subexp : fexp;
            double[] y = new double[n];
            if (exp == FLOAT_EXPONENT) {
                b.need(at, 4L * n, "subfile " + s + " values");
                for (int i = 0; i < n; i++) {
                    y[i] = b.f32(at + 4L * i);
                }
                at += 4L * n;
            } else if (prec16) {
                b.need(at, 2L * n, "subfile " + s + " values");
                double scale = Math.pow(2, exp - 16);
                for (int i = 0; i < n; i++) {
                    y[i] = b.i16(at + 2L * i) * scale;
                }
                at += 2L * n;
            } else {
                b.need(at, 4L * n, "subfile " + s + " values");
                double scale = Math.pow(2, exp - 32);
                for (int i = 0; i < n; i++) {
                    y[i] = b.i32(at + 4L * i) * scale;
                }
                at += 4L * n;
            }
            spectra.add(new Spectrum(new Axis(xq.quantity(), xq.unit(), x),
                    new Signal(yq.quantity(), yq.unit(), y)));
        }
        Metadata.Builder m = new Metadata.Builder();
        String comment = b.text(88, 130).strip();
        if (!comment.isEmpty()) {
            m.text(Metadata.TITLE, comment);
        }
        m.text("version", "new (0x" + Integer.toHexString(b.u8(1)) + ")").number("flags", flags, "")
                .number("exponent", fexp, "").number("subfiles", subfiles, "")
                .text("source", b.text(45, 9)).text("resolution", b.text(36, 9));
        if (logOffset > 0 && logOffset + 64 <= b.length()) {
            readLog(b, logOffset, m);
        }
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "",
                spectra.size() == 1 ? spectra.get(0) : new SpectrumSet(spectra, multi ? new Axis("z", "", z) : null),
                m.build());
    }

    /** The log block's text: key=value lines; LWN (laser wavenumber, cm⁻¹) gives the laser wavelength. */
    private static void readLog(Bytes b, long logOffset, Metadata.Builder m) throws ImportException {
        long size = b.u32(logOffset);
        long textOffset = b.u32(logOffset + 8);
        long start = logOffset + textOffset;
        long end = Math.min(b.length(), logOffset + size);
        if (textOffset < 64 || start >= end) {
            return;
        }
        String text = b.text(start, (int) (end - start));
        for (String line : Texts.lines(text)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                m.text("log." + key, value);
                if (key.equalsIgnoreCase("LWN")) {
                    double lwn = Texts.parseOrNaN(value);
                    if (lwn > 0) {
                        m.number(Metadata.LASER_WAVELENGTH_NM, 1e7 / lwn, "nm");
                    }
                }
            }
        }
    }

    private Imported readOld(Path file, Bytes b, ImportMonitor monitor) throws ImportException {
        String name = b.name();
        b.need(0, 256, "the 256-byte old-format header");
        int flags = b.u8(0);
        int exp = b.i16(2);
        float npts = b.f32(4);
        double first = Limits.finite(name, "ofirst", b.f32(8));
        double last = Limits.finite(name, "olast", b.f32(12));
        int xtype = b.u8(16);
        int ytype = b.u8(17);
        if (!(npts >= 1) || npts != Math.rint(npts)) {
            throw new ImportException(name + ": onpts " + npts + " is not a positive whole number");
        }
        boolean prec16 = (flags & TSPREC) != 0;
        long at = 256;
        int n = Limits.count(name, "onpts", (long) npts, prec16 ? 2 : 4, b.length() - at);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = n == 1 ? first : first + (last - first) * i / (n - 1);
        }
        Cancel.check(monitor, name, 0.5);
        if (exp == FLOAT_EXPONENT) {
            for (int i = 0; i < n; i++) {
                y[i] = b.f32(at + 4L * i);
            }
        } else if (prec16) {
            double scale = Math.pow(2, exp - 16);
            for (int i = 0; i < n; i++) {
                y[i] = b.i16(at + 2L * i) * scale;
            }
        } else {
            // old format: the high 16-bit word comes first, each word little-endian
            double scale = Math.pow(2, exp - 32);
            for (int i = 0; i < n; i++) {
                int hi = b.i16(at + 4L * i);
                int lo = b.u16(at + 4L * i + 2);
                y[i] = (hi << 16 | lo) * scale;
            }
        }
        Units.QU xq = Units.spcX(xtype);
        Units.QU yq = Units.spcY(ytype);
        Metadata.Builder m = new Metadata.Builder();
        String comment = b.text(64, 130).strip();
        if (!comment.isEmpty()) {
            m.text(Metadata.TITLE, comment);
        }
        m.text("version", "old (0x4d)").number("exponent", exp, "").number("flags", flags, "");
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "", new Spectrum(new Axis(xq.quantity(), xq.unit(), x),
                new Signal(yq.quantity(), yq.unit(), y)), m.build());
    }
}
