package org.onset.io.raman.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.onset.io.api.Signal;
import org.onset.io.api.Spectrum;
import org.onset.io.support.Bytes;
import org.onset.io.support.Cancel;
import org.onset.io.support.Limits;
import org.onset.io.support.Texts;
import org.osgi.service.component.annotations.Component;

/**
 * JCAMP-DX (IUPAC): labelled records, the first data block of {@code ##XYDATA=(X++(Y..Y))} with
 * every ASDF form (AFFN, PAC, SQZ, DIF, DUP; DIF lines' Y checks verified), {@code (XY..XY)} pairs
 * ({@code ##XYPOINTS}, {@code ##PEAK TABLE}).
 */
@Component(service = Importer.class)
public final class JcampImporter implements Importer {

    static final String FORMAT = "JCAMP-DX";

    @Override
    public String id() {
        return "jcamp-dx";
    }

    @Override
    public String formatName() {
        return FORMAT + " (.jdx/.dx)";
    }

    @Override
    public List<String> extensions() {
        return List.of("jdx", "dx", "jcamp");
    }

    @Override
    public Match match(ContentProbe probe) {
        String head = probe.headText();
        int title = head.indexOf("##TITLE");
        return title >= 0 && head.substring(0, title).isBlank() && head.contains("##JCAMP")
                ? Match.content("##TITLE and ##JCAMP-DX records")
                : extensions().contains(probe.extension()) ? Match.extension(probe.extension()) : Match.none();
    }

    /** Record label normalised as the standard says: upper case, no spaces, dashes, slashes or underscores. */
    static String label(String raw) {
        StringBuilder b = new StringBuilder();
        for (char c : raw.toCharArray()) {
            if (c != ' ' && c != '-' && c != '/' && c != '_') {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString();
    }

    @Override
    public Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        String name = file.getFileName().toString();
        byte[] raw = Bytes.readAll(file);
        List<String> lines = Texts.lines(Texts.latin1(raw));
        Map<String, String> records = new LinkedHashMap<>();
        String dataLabel = null;
        String dataForm = null;
        List<String> dataLines = new ArrayList<>();
        Map<String, StringBuilder> continued = new LinkedHashMap<>();
        String current = null;
        for (String rawLine : lines) {
            String line = stripComment(rawLine);
            if (line.startsWith("##")) {
                int eq = line.indexOf('=');
                String key = label(eq < 0 ? line.substring(2) : line.substring(2, eq));
                String value = eq < 0 ? "" : line.substring(eq + 1).strip();
                if (dataLabel != null && current != null && current.equals(dataLabel)) {
                    // the data block ended; the first block is the one we read
                    if (key.equals("END")) {
                        break;
                    }
                }
                current = key;
                if (dataLabel == null && (key.equals("XYDATA") || key.equals("XYPOINTS") || key.equals("PEAKTABLE"))) {
                    dataLabel = key;
                    dataForm = value.replace(" ", "").toUpperCase(Locale.ROOT);
                } else if (!records.containsKey(key)) {
                    records.put(key, value);
                }
            } else if (current != null && current.equals(dataLabel)) {
                if (!line.isBlank()) {
                    dataLines.add(line);
                }
            } else if (current != null && records.containsKey(current) && !line.isBlank()) {
                // a value continued on further lines; StringBuilder, because a damaged data label turns
                // the whole data block into continuation lines (quadratic with string concatenation)
                continued.computeIfAbsent(current, k -> new StringBuilder(records.get(k))).append('\n')
                        .append(line.strip());
            }
        }
        continued.forEach((k, v) -> records.put(k, v.toString()));
        if (dataLabel == null) {
            throw new ImportException(name + ": no ##XYDATA, ##XYPOINTS or ##PEAK TABLE record");
        }
        double xFactor = number(records, name, "XFACTOR", 1);
        double yFactor = number(records, name, "YFACTOR", 1);
        double[] x;
        double[] y;
        if (dataForm.startsWith("(X++(Y..Y))") || dataForm.startsWith("(X++(R..R))")
                || dataForm.startsWith("(X++(I..I))")) {
            double declared = number(records, name, "NPOINTS", Double.NaN);
            if (!(declared >= 1) || declared != Math.rint(declared)) {
                throw new ImportException(name + ": ##NPOINTS is missing or not a positive whole number");
            }
            // DUP can expand a few characters into many values; still, no file holds more points than
            // a few hundred times its bytes
            int n = Limits.count(name, "##NPOINTS", (long) declared, 1, 1000L * raw.length);
            double firstX = number(records, name, "FIRSTX", Double.NaN);
            double lastX = number(records, name, "LASTX", Double.NaN);
            Asdf asdf = new Asdf(name, n);
            for (int i = 0; i < dataLines.size(); i++) {
                if (i % 256 == 0) {
                    Cancel.check(monitor, name, i / (double) dataLines.size());
                }
                asdf.line(dataLines.get(i));
            }
            y = asdf.values();
            if (y.length != n) {
                throw new ImportException(name + ": ##NPOINTS says " + n + " but the data hold " + y.length + " values");
            }
            for (int i = 0; i < n; i++) {
                y[i] *= yFactor;
            }
            x = new double[n];
            if (Double.isFinite(firstX) && Double.isFinite(lastX)) {
                for (int i = 0; i < n; i++) {
                    x[i] = n == 1 ? firstX : firstX + (lastX - firstX) * i / (n - 1);
                }
            } else {
                double[] xs = asdf.lineX();
                for (int i = 0; i < n; i++) {
                    x[i] = xs[i] * xFactor;
                }
            }
            if (asdf.checks() > 0) {
                records.put("Y_CHECKS_PASSED", Integer.toString(asdf.checks()));
            }
        } else if (dataForm.startsWith("(XY..XY)") || dataForm.startsWith("(XYW..XYW)")
                || dataForm.startsWith("(XYM..XYM)")) {
            int group = dataForm.startsWith("(XY..XY)") ? 2 : 3;
            List<double[]> pairs = new ArrayList<>();
            for (String line : dataLines) {
                List<Double> numbers = new ArrayList<>();
                for (String token : line.split("[\\s,;]+")) {
                    if (!token.isEmpty()) {
                        double v = Texts.parseOrNaN(token);
                        if (Double.isNaN(v) && !token.equals("?")) {
                            throw new ImportException(name + ": '" + token + "' in the data is not a number");
                        }
                        numbers.add(v);
                    }
                }
                if (numbers.size() % group != 0) {
                    throw new ImportException(name + ": a data line holds " + numbers.size()
                            + " numbers, not whole groups of " + group + ": '" + line.strip() + "'");
                }
                for (int k = 0; k < numbers.size(); k += group) {
                    pairs.add(new double[] { numbers.get(k) * xFactor, numbers.get(k + 1) * yFactor });
                }
            }
            x = new double[pairs.size()];
            y = new double[pairs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = pairs.get(i)[0];
                y[i] = pairs.get(i)[1];
            }
        } else {
            throw new ImportException(name + ": data form '" + dataForm + "' is not (X++(Y..Y)) or (XY..XY)");
        }
        if (x.length == 0) {
            throw new ImportException(name + ": the data block is empty");
        }
        Units.QU xq = Units.fromText(records.getOrDefault("XUNITS", ""));
        String dataType = records.getOrDefault("DATATYPE", "");
        if (dataType.toUpperCase(Locale.ROOT).contains("RAMAN") && xq.unit().equals("cm^-1")) {
            xq = new Units.QU("Raman shift", "cm^-1");
        }
        String yUnit = records.getOrDefault("YUNITS", "");
        Metadata.Builder m = new Metadata.Builder();
        if (records.containsKey("TITLE")) {
            m.text(Metadata.TITLE, records.get("TITLE"));
        }
        for (var e : records.entrySet()) {
            m.text(e.getKey(), e.getValue());
        }
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "", new Spectrum(new Axis(xq.quantity(), xq.unit(), x),
                new Signal("intensity", yUnit.isEmpty() ? "a.u." : yUnit.toLowerCase(Locale.ROOT), y)), m.build());
    }

    private static String stripComment(String line) {
        int c = line.indexOf("$$");
        return c < 0 ? line : line.substring(0, c);
    }

    private static double number(Map<String, String> records, String file, String key, double fallback)
            throws ImportException {
        String v = records.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        double d = Texts.parseOrNaN(v.strip().split("\\s+")[0]);
        if (!Double.isFinite(d)) {
            throw new ImportException(file + ": ##" + key + "=" + v + " is not a number");
        }
        return d;
    }
}
