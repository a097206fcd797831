package org.onset.io.epr.internal;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.onset.io.api.Axis;
import org.onset.io.api.ContentProbe;
import org.onset.io.api.Data;
import org.onset.io.api.ImportException;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.Imported;
import org.onset.io.api.Importer;
import org.onset.io.api.Match;
import org.onset.io.api.Metadata;
import org.onset.io.api.SettingDescriptor;
import org.onset.io.api.Signal;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumSet;
import org.onset.io.support.Bytes;
import org.onset.io.support.Cancel;
import org.onset.io.support.Limits;
import org.onset.io.support.Texts;
import org.osgi.service.component.annotations.Component;

/**
 * Bruker BES3T: the .DSC descriptor and the .DTA data (and .XGF/.YGF for axes given point by point).
 * Either file may be opened. 1D gives a spectrum, 2D a set of spectra along the Y axis (the 3rd
 * dimension, rare, is folded into the set). The real part of the first value of each point is the
 * signal; for complex points the imaginary part follows it in the file and is skipped.
 */
@Component(service = Importer.class)
public final class Bes3tImporter implements Importer {

    static final String FORMAT = "Bruker BES3T";

    @Override
    public String id() {
        return "bruker-bes3t";
    }

    @Override
    public String formatName() {
        return FORMAT + " (.DSC/.DTA)";
    }

    @Override
    public List<String> extensions() {
        return List.of("dsc", "dta");
    }

    @Override
    public List<SettingDescriptor> settings() {
        return EprOptions.SETTINGS;
    }

    @Override
    public Match match(ContentProbe probe) {
        String ext = probe.extension();
        if (ext.equals("dsc")) {
            String head = probe.headText();
            return head.contains("#DESC") || head.contains("IKKF") && head.contains("XPTS")
                    ? Match.content("descriptor with #DESC / IKKF, XPTS") : Match.none();
        }
        if (ext.equals("dta")) {
            Path dsc = Companions.sibling(probe.file(), "DSC");
            return dsc != null ? Match.content("binary beside descriptor " + dsc.getFileName()) : Match.none();
        }
        return Match.none();
    }

    @Override
    public Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        String name = file.getFileName().toString();
        Path dscPath = file.getFileName().toString().toLowerCase().endsWith(".dsc") ? file
                : Companions.sibling(file, "DSC");
        Path dtaPath = dscPath == null ? null : Companions.sibling(dscPath, "DTA");
        if (dscPath == null || dtaPath == null) {
            throw new ImportException(name + ": BES3T needs both the .DSC descriptor and the .DTA data beside it");
        }
        Bes3tDescriptor d = new Bes3tDescriptor(dscPath.getFileName().toString(),
                Texts.latin1(Bytes.readAll(dscPath)));
        String bseq = d.upper("BSEQ", "BIG");
        ByteOrder order = switch (bseq) {
            case "BIG" -> ByteOrder.BIG_ENDIAN;
            case "LIT" -> ByteOrder.LITTLE_ENDIAN;
            default -> throw new ImportException(name + ": BSEQ '" + bseq + "' is neither BIG nor LIT");
        };
        int width = formatWidth(name, "IRFMT", d.upper("IRFMT", "D"));
        String[] kinds = d.upper("IKKF", "REAL").split(",");
        int stride = 0;
        for (String k : kinds) {
            stride += switch (k.strip()) {
                case "REAL" -> 1;
                case "CPLX" -> 2;
                default -> throw new ImportException(name + ": IKKF entry '" + k + "' is neither REAL nor CPLX");
            };
        }
        if (d.has("IIFMT") && kinds.length > 0 && d.upper("IKKF", "").contains("CPLX")
                && formatWidth(name, "IIFMT", d.upper("IIFMT", "D")) != width) {
            throw new ImportException(name + ": IIFMT differs from IRFMT, which BES3T does not allow");
        }
        long nx = d.count("XPTS", 0);
        if (nx == 0) {
            throw new ImportException(name + ": the descriptor has no XPTS");
        }
        long ny = d.count("YPTS", 1);
        long nz = d.count("ZPTS", 1);
        long points = Limits.product(name, "XPTS × YPTS × ZPTS", nx, ny, nz);
        Bytes dta = Bytes.read(dtaPath, order);
        Limits.count(dtaPath.getFileName().toString(), "XPTS × YPTS × ZPTS × values per point",
                Limits.product(name, "points × values", points, stride), width, dta.length());
        String irfmt = d.upper("IRFMT", "D");

        Axis x = axis(d, dscPath, "X", (int) nx, order);
        double mwfqGHz = d.number("MWFQ", Double.NaN) / 1e9;
        boolean cw = !d.upper("EXPT", "CW").equals("PLS");
        double rcag = d.number("RCAG", Double.NaN);
        double sptp = d.number("SPTP", Double.NaN);
        double mwpw = d.number("MWPW", Double.NaN);
        double scale = new EprOptions.Scaling(d.number("AVGS", Double.NaN),
                d.upper("SctNorm", "FALSE").equals("TRUE"),
                Math.pow(10, rcag / 20), sptp * 1000, mwpw * 1000, d.number("STMP", Double.NaN), cw)
                .factor(name, settings);
        if (settings.flag(EprOptions.G_AXIS, false)) {
            x = EprOptions.gAxis(name, x, mwfqGHz);
        }
        String yUnit = d.text("IRUNI", "");
        String yName = d.text("IRNAM", "intensity");
        List<Spectrum> spectra = new ArrayList<>();
        int perRow = (int) nx * stride;
        for (long row = 0; row < ny * nz; row++) {
            Cancel.check(monitor, name, row / (double) (ny * nz));
            double[] y = new double[(int) nx];
            long base = row * perRow;
            for (int i = 0; i < nx; i++) {
                long at = (base + (long) i * stride) * width;
                y[i] = value(dta, irfmt, at) * scale;
            }
            spectra.add(new Spectrum(x, new Signal(yName.isEmpty() ? "intensity" : yName,
                    yUnit.isEmpty() ? "a.u." : yUnit, y)));
        }
        Data data;
        if (spectra.size() == 1) {
            data = spectra.get(0);
        } else {
            Axis index = ny > 1 && nz == 1 ? axis(d, dscPath, "Y", (int) ny, order) : null;
            data = new SpectrumSet(spectra, index);
        }
        Metadata.Builder m = new Metadata.Builder();
        if (d.has("TITL")) {
            m.text(Metadata.TITLE, d.text("TITL", ""));
        }
        if (mwfqGHz > 0) {
            m.number(Metadata.MICROWAVE_FREQUENCY_GHZ, mwfqGHz, "GHz");
        }
        putNumber(m, d, "MWPW", "microwave_power_W", "W");
        putNumber(m, d, "AVGS", "scans", "");
        putNumber(m, d, "RCAG", "receiver_gain_dB", "dB");
        putNumber(m, d, "SPTP", "conversion_time_s", "s");
        putNumber(m, d, "STMP", "temperature_K", "K");
        putNumber(m, d, "B0MA", "modulation_amplitude_T", "T");
        if (d.has("SctNorm")) {
            m.flag("SctNorm", d.upper("SctNorm", "").equals("TRUE"));
        }
        m.text("experiment", cw ? "CW" : "pulsed").text("byte_order", bseq).text("IRFMT", irfmt)
                .text("IKKF", d.upper("IKKF", "REAL"));
        for (var e : d.values.entrySet()) {
            m.text("DSC." + e.getKey(), e.getValue());
        }
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "", data, m.build());
    }

    private static void putNumber(Metadata.Builder m, Bes3tDescriptor d, String key, String as, String unit)
            throws ImportException {
        if (d.has(key)) {
            try {
                m.number(as, d.number(key), unit);
            } catch (ImportException e) {
                m.text(as, d.text(key, ""));
            }
        }
    }

    private static int formatWidth(String file, String key, String fmt) throws ImportException {
        return switch (fmt) {
            case "C" -> 1;
            case "S" -> 2;
            case "I", "F" -> 4;
            case "D" -> 8;
            default -> throw new ImportException(file + ": " + key + " '" + fmt
                    + "' is not one of C, S, I, F, D (A and N hold no readable numbers)");
        };
    }

    private static double value(Bytes b, String fmt, long at) throws ImportException {
        return switch (fmt) {
            case "C" -> b.i8(at);
            case "S" -> b.i16(at);
            case "I" -> b.i32(at);
            case "F" -> b.f32(at);
            default -> b.f64(at);
        };
    }

    /** Axis X, Y or Z: linear (IDX) or point by point from the companion file (IGD). */
    private static Axis axis(Bes3tDescriptor d, Path dsc, String which, int n, ByteOrder order)
            throws ImportException {
        String name = dsc.getFileName().toString();
        String unit = d.text(which + "UNI", "");
        String quantity = EprOptions.quantityOf(d.text(which + "NAM", ""), unit);
        String type = d.upper(which + "TYP", "IDX");
        double[] v = new double[n];
        if (type.equals("IGD")) {
            Path gf = Companions.sibling(dsc, which + "GF");
            if (gf == null) {
                throw new ImportException(name + ": " + which + "TYP is IGD but the " + which
                        + "GF file with the axis values is missing");
            }
            Bytes g = Bytes.read(gf, order);
            String fmt = d.upper(which + "FMT", "D");
            int w = formatWidth(name, which + "FMT", fmt);
            Limits.count(gf.getFileName().toString(), which + "PTS", n, w, g.length());
            for (int i = 0; i < n; i++) {
                v[i] = value(g, fmt, (long) i * w);
            }
        } else {
            double min = d.number(which + "MIN", 0);
            double wid = d.number(which + "WID", 0);
            for (int i = 0; i < n; i++) {
                v[i] = wid == 0 || n == 1 ? (wid == 0 ? i : min) : min + i * wid / (n - 1);
            }
            if (wid == 0) {
                quantity = "index";
                unit = "";
            }
        }
        return new Axis(quantity, unit, v);
    }
}
