package org.onset.io.epr.internal;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.onset.io.api.Axis;
import org.onset.io.api.ContentProbe;
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
 * Bruker ESP and WinEPR: the .par parameter text and the .spc data. A par that mentions
 * "DOS Format" belongs to WinEPR (little-endian float32); otherwise ESP (big-endian int32). Either
 * file may be opened; a Galactic .spc has no .par beside it, so the two never get confused.
 */
@Component(service = Importer.class)
public final class EspImporter implements Importer {

    static final String FORMAT = "Bruker ESP/WinEPR";
    private static final int DEFAULT_POINTS = 1024;

    @Override
    public String id() {
        return "bruker-esp";
    }

    @Override
    public String formatName() {
        return FORMAT + " (.par/.spc)";
    }

    @Override
    public List<String> extensions() {
        return List.of("par", "spc");
    }

    @Override
    public List<SettingDescriptor> settings() {
        return EprOptions.SETTINGS;
    }

    @Override
    public Match match(ContentProbe probe) {
        String ext = probe.extension();
        if (ext.equals("par")) {
            String head = probe.headText();
            return Texts.looksLikeText(probe.head()) && (head.contains("JSS") || head.contains("DOS Format")
                    || head.contains("HCF") || head.contains("GST") || head.contains("ANZ"))
                            ? Match.content("parameter file with JSS/HCF/GST/ANZ keys") : Match.none();
        }
        if (ext.equals("spc")) {
            Path par = Companions.sibling(probe.file(), "par");
            return par != null ? Match.content("binary beside parameter file " + par.getFileName()) : Match.none();
        }
        return Match.none();
    }

    static Map<String, String> parse(String text) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String line : Texts.lines(text)) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            int ws = 0;
            while (ws < l.length() && !Character.isWhitespace(l.charAt(ws))) {
                ws++;
            }
            p.put(l.substring(0, ws), l.substring(ws).strip());
        }
        return p;
    }

    @Override
    public Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        String name = file.getFileName().toString();
        boolean givenPar = name.toLowerCase().endsWith(".par");
        Path parPath = givenPar ? file : Companions.sibling(file, "par");
        Path spcPath = parPath == null ? null : Companions.sibling(parPath, "spc");
        if (parPath == null || spcPath == null) {
            throw new ImportException(name + ": ESP/WinEPR needs both the .par parameters and the .spc data");
        }
        String parText = Texts.latin1(Bytes.readAll(parPath));
        Map<String, String> p = parse(parText);
        boolean winEpr = parText.contains("DOS") && parText.contains("Format");
        long flags = (long) number(p, name, "JSS", 0);
        boolean complex = (flags & 16) != 0;
        boolean twoD = (flags & 4096) != 0;
        long nx;
        long ny = 1;
        if (p.containsKey("ANZ")) {
            long anz = count(p, name, "ANZ");
            if (twoD) {
                ny = p.containsKey("REY") ? count(p, name, "REY") : 1;
                if (anz % ny != 0) {
                    throw new ImportException(name + ": ANZ " + anz + " is not a multiple of REY " + ny);
                }
                nx = anz / ny;
            } else {
                nx = anz;
            }
            if (complex) {
                nx /= 2;
            }
        } else if (p.containsKey("RES")) {
            nx = count(p, name, "RES");
            ny = twoD && p.containsKey("REY") ? count(p, name, "REY") : 1;
        } else if (p.containsKey("XPLS")) {
            nx = count(p, name, "XPLS");
        } else {
            nx = DEFAULT_POINTS;
        }
        if (nx < 1) {
            throw new ImportException(name + ": no points");
        }
        long values = Limits.product(name, "points", nx, ny, complex ? 2 : 1);
        Bytes spc = Bytes.read(spcPath, winEpr ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        Limits.count(spcPath.getFileName().toString(), "the points the .par announces", values, 4, spc.length());

        String unit = p.getOrDefault("JUN", "G");
        double[] xv = new double[(int) nx];
        String quantity = "magnetic field";
        if (p.containsKey("GST") && p.containsKey("GSI")) {
            fill(xv, number(p, name, "GST", 0), number(p, name, "GSI", 0));
        } else if (p.containsKey("HCF") && p.containsKey("HSW")) {
            double hsw = number(p, name, "HSW", 0);
            fill(xv, number(p, name, "HCF", 0) - hsw / 2, hsw);
        } else if (p.containsKey("XXLB") && p.containsKey("XXWI")) {
            fill(xv, number(p, name, "XXLB", 0), number(p, name, "XXWI", 0));
        } else {
            for (int i = 0; i < nx; i++) {
                xv[i] = i;
            }
            quantity = "index";
            unit = "";
        }
        Axis x = new Axis(quantity, unit, xv);
        double mfGHz = number(p, name, "MF", Double.NaN);
        double scale = new EprOptions.Scaling(number(p, name, "JSD", Double.NaN), false,
                number(p, name, "RRG", Double.NaN), number(p, name, "RCT", Double.NaN),
                number(p, name, "MP", Double.NaN), number(p, name, "TE", Double.NaN), true).factor(name, settings);
        if (settings.flag(EprOptions.G_AXIS, false)) {
            x = EprOptions.gAxis(name, x, mfGHz);
        }
        List<Spectrum> spectra = new ArrayList<>();
        for (int row = 0; row < ny; row++) {
            Cancel.check(monitor, name, row / (double) ny);
            double[] y = new double[(int) nx];
            long base = (long) row * nx * (complex ? 2 : 1);
            for (int i = 0; i < nx; i++) {
                long at = (base + i) * 4;
                y[i] = (winEpr ? spc.f32(at) : spc.i32(at)) * scale;
            }
            spectra.add(new Spectrum(x, new Signal("intensity", "a.u.", y)));
        }
        Metadata.Builder m = new Metadata.Builder();
        if (p.containsKey("JCO")) {
            m.text(Metadata.TITLE, p.get("JCO"));
        }
        if (mfGHz > 0) {
            m.number(Metadata.MICROWAVE_FREQUENCY_GHZ, mfGHz, "GHz");
        }
        m.text("variant", winEpr ? "WinEPR (little-endian float32)" : "ESP (big-endian int32)");
        putNumber(m, p, "MP", "microwave_power_mW", "mW");
        putNumber(m, p, "JSD", "scans", "");
        putNumber(m, p, "RRG", "receiver_gain", "");
        putNumber(m, p, "RCT", "conversion_time_ms", "ms");
        putNumber(m, p, "TE", "temperature_K", "K");
        putNumber(m, p, "RMA", "modulation_amplitude_G", "G");
        for (var e : p.entrySet()) {
            m.text("par." + e.getKey(), e.getValue());
        }
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "",
                spectra.size() == 1 ? spectra.get(0) : new SpectrumSet(spectra, null), m.build());
    }

    private static void fill(double[] x, double start, double width) {
        for (int i = 0; i < x.length; i++) {
            x[i] = x.length == 1 ? start : start + width * i / (x.length - 1);
        }
    }

    private static void putNumber(Metadata.Builder m, Map<String, String> p, String key, String as, String unit) {
        String v = p.get(key);
        if (v != null) {
            double d = Texts.parseOrNaN(v);
            if (Double.isNaN(d)) {
                m.text(as, v);
            } else {
                m.number(as, d, unit);
            }
        }
    }

    private static double number(Map<String, String> p, String file, String key, double fallback)
            throws ImportException {
        String v = p.get(key);
        if (v == null) {
            return fallback;
        }
        double d = Texts.parseOrNaN(v.split("\\s+")[0]);
        if (!Double.isFinite(d)) {
            throw new ImportException(file + ": " + key + " is not a number: '" + v + "'");
        }
        return d;
    }

    private static long count(Map<String, String> p, String file, String key) throws ImportException {
        double d = number(p, file, key, 0);
        if (d != Math.rint(d) || d < 1 || d > Integer.MAX_VALUE) {
            throw new ImportException(file + ": " + key + " must be a positive whole number, got '" + p.get(key) + "'");
        }
        return (long) d;
    }
}
