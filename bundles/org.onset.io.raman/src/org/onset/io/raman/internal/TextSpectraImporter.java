package org.onset.io.raman.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.onset.io.api.Signal;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumMap;
import org.onset.io.api.SpectrumSet;
import org.onset.io.support.Bytes;
import org.onset.io.support.Cancel;
import org.onset.io.support.Limits;
import org.onset.io.support.Texts;
import org.osgi.service.component.annotations.Component;

/**
 * Text exports of Raman software (Latin-1; tab, comma, semicolon or space separated):
 * <ul>
 * <li>two columns x, y: one spectrum (LabSpec, WiRE, WITec single);
 * <li>x then N intensity columns: a set of spectra, or a map when the column labels carry WITec's
 * {@code (i/j)} pixel indices;
 * <li>LabSpec maps: a first row of wavenumbers, then rows X, Y, intensities;
 * <li>WiRE map exports: four columns X, Y, wavenumber, intensity, one spectrum after the other.
 * </ul>
 * {@code #key=value} header lines become metadata; a label row and a unit row before the numbers are
 * used; malformed rows after the data are dropped and counted.
 */
@Component(service = Importer.class)
public final class TextSpectraImporter implements Importer {

    static final String FORMAT = "Spectra text export";
    private static final Pattern WITEC_PIXEL = Pattern.compile("\\((\\d+)/(\\d+)\\)\\s*$");

    @Override
    public String id() {
        return "text-spectra";
    }

    @Override
    public String formatName() {
        return FORMAT + " (LabSpec, WITec, WiRE .txt/.csv)";
    }

    @Override
    public List<String> extensions() {
        return List.of("txt", "csv", "tsv", "dat", "asc");
    }

    @Override
    public Match match(ContentProbe probe) {
        if (!Texts.looksLikeText(probe.head()) || probe.headText().startsWith("##")) {
            return Match.none();
        }
        List<String> lines = Texts.lines(probe.headText());
        if (probe.size() > probe.head().length && !lines.isEmpty()) {
            lines.remove(lines.size() - 1); // cut in the middle
        }
        int numeric = 0;
        int columns = -1;
        for (String line : lines) {
            double[] v = numbers(line);
            if (v == null) {
                if (numeric > 0) {
                    break;
                }
                continue;
            }
            if (columns < 0) {
                columns = v.length;
            }
            if (v.length >= 2) {
                numeric++;
            }
        }
        return numeric >= 3 ? Match.content(numeric + " numeric rows of " + columns + " columns")
                : Match.none();
    }

    /**
     * The numbers of a row, or null when it is not a row of numbers. Separators: tab, comma, semicolon,
     * space (a hand-written scanner: regular-expression splitting made whole maps slow to read).
     */
    static double[] numbers(String line) {
        int n = line.length();
        double[] v = new double[16];
        int k = 0;
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == '\t' || c == ',' || c == ';' || c == ' ' || c == '\r' || c == '\n') {
                i++;
                continue;
            }
            if (k == 0 && c == '#') {
                return null;
            }
            int start = i;
            while (i < n) {
                char d = line.charAt(i);
                if (d == '\t' || d == ',' || d == ';' || d == ' ') {
                    break;
                }
                i++;
            }
            if (!(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'n' || c == 'N')) {
                return null;
            }
            String token = line.substring(start, i);
            double d = Texts.parseOrNaN(token);
            if (Double.isNaN(d) && !token.equalsIgnoreCase("nan")) {
                return null;
            }
            if (k == v.length) {
                v = Arrays.copyOf(v, 2 * k);
            }
            v[k++] = d;
        }
        return k == 0 ? null : Arrays.copyOf(v, k);
    }

    @Override
    public Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        String name = file.getFileName().toString();
        List<String> lines = Texts.lines(Texts.latin1(Bytes.readAll(file)));
        Metadata.Builder m = new Metadata.Builder();
        List<String> textRows = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        int dropped = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (i % 4096 == 0) {
                Cancel.check(monitor, name, 0.8 * i / lines.size());
            }
            String line = lines.get(i);
            String t = line.strip();
            if (t.startsWith("#")) {
                header(t.substring(1), m);
                continue;
            }
            double[] v = numbers(line);
            if (v == null) {
                if (rows.isEmpty()) {
                    if (!t.isEmpty()) {
                        textRows.add(line);
                    }
                } else if (!t.isEmpty()) {
                    dropped++;
                }
                continue;
            }
            rows.add(v);
        }
        if (rows.size() < 2) {
            throw new ImportException(name + ": fewer than two rows of numbers: not a spectrum table");
        }
        // the most common column count among the data rows is the table's width; others are damage
        int width = rows.get(rows.size() / 2).length;
        boolean labspecMap = rows.size() >= 2 && rows.get(1).length == rows.get(0).length + 2
                && rows.get(0).length >= 2;
        Data data;
        String[] labels = textRows.isEmpty() ? new String[0] : textRows.get(0).split("\t");
        String[] units = textRows.size() < 2 ? new String[0] : textRows.get(1).split("\t");
        if (labspecMap) {
            data = labspecMap(name, rows);
        } else {
            List<double[]> table = new ArrayList<>(rows.size());
            for (double[] r : rows) {
                if (r.length == width) {
                    table.add(r);
                } else {
                    dropped++;
                }
            }
            if (width < 2) {
                throw new ImportException(name + ": rows of one number: no x and y columns");
            }
            Units.QU xq = Units.fromText(units.length > 0 ? units[0] : "");
            if (xq.unit().isEmpty()) {
                xq = new Units.QU("x", "");
            }
            String yUnit = units.length > 1 && !units[1].isBlank() ? units[1].strip() : "a.u.";
            if (width == 4 && wireLongForm(table) > 1) {
                data = wireMap(name, table, wireLongForm(table), yUnit);
            } else {
                int n = table.size();
                double[] x = column(table, 0);
                Axis xa = new Axis(xq.quantity(), xq.unit(), x);
                List<Spectrum> spectra = new ArrayList<>();
                for (int c = 1; c < width; c++) {
                    spectra.add(new Spectrum(xa, new Signal("intensity", yUnit, column(table, c))));
                }
                int[] grid = witecGrid(labels, width - 1);
                if (grid != null) {
                    int nx = grid[0];
                    int ny = grid[1];
                    float[] values = new float[nx * ny * n];
                    Arrays.fill(values, Float.NaN);
                    for (int c = 1; c < width; c++) {
                        Matcher mm = WITEC_PIXEL.matcher(labels[c].strip());
                        mm.find();
                        int cell = Integer.parseInt(mm.group(2)) * nx + Integer.parseInt(mm.group(1));
                        for (int k = 0; k < n; k++) {
                            values[cell * n + k] = (float) table.get(k)[c];
                        }
                    }
                    double[] nan = new double[nx * ny];
                    Arrays.fill(nan, Double.NaN);
                    data = new SpectrumMap(xa, "intensity", yUnit, nx, ny, values, nan, nan.clone());
                } else {
                    data = spectra.size() == 1 ? spectra.get(0) : new SpectrumSet(spectra, null);
                }
            }
        }
        if (dropped > 0) {
            m.number("malformed_rows_dropped", dropped, "");
        }
        if (labels.length > 0) {
            m.text("column_labels", String.join(" | ", labels));
        }
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "", data, m.build());
    }

    private static void header(String line, Metadata.Builder m) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        m.text(key, value);
        String k = key.toLowerCase();
        if (k.contains("laser") || k.contains("excitation")) {
            double v = Texts.parseOrNaN(value.split("\\s+")[0]);
            if (v > 100 && v < 2000) {
                m.number(Metadata.LASER_WAVELENGTH_NM, v, "nm");
            }
        }
    }

    private static double[] column(List<double[]> rows, int c) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rows.get(i)[c];
        }
        return v;
    }

    /** nx, ny when every intensity column label ends in WITec's "(i/j)", else null. */
    private static int[] witecGrid(String[] labels, int spectra) {
        if (labels.length != spectra + 1) {
            return null;
        }
        int nx = 0;
        int ny = 0;
        for (int c = 1; c < labels.length; c++) {
            Matcher mm = WITEC_PIXEL.matcher(labels[c].strip());
            if (!mm.find()) {
                return null;
            }
            nx = Math.max(nx, Integer.parseInt(mm.group(1)) + 1);
            ny = Math.max(ny, Integer.parseInt(mm.group(2)) + 1);
        }
        return (long) nx * ny == spectra ? new int[] { nx, ny } : null;
    }

    private static Data labspecMap(String name, List<double[]> rows) throws ImportException {
        double[] x = rows.get(0);
        int p = x.length;
        int n = rows.size() - 1;
        Limits.count(name, "map spectra × points", (long) n * p, 1, Limits.MAX_VALUES);
        float[] values = new float[n * p];
        double[] px = new double[n];
        double[] py = new double[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows.get(i + 1);
            if (r.length != p + 2) {
                throw new ImportException(name + ": map row " + (i + 2) + " has " + r.length + " numbers, not "
                        + (p + 2));
            }
            px[i] = r[0] * 1e-6;
            py[i] = r[1] * 1e-6;
            for (int k = 0; k < p; k++) {
                values[i * p + k] = (float) r[k + 2];
            }
        }
        int nx = distinct(px);
        int ny = n / nx;
        if ((long) nx * ny != n) {
            nx = n;
            ny = 1;
        }
        return new SpectrumMap(new Axis("Raman shift", "cm^-1", x), "intensity", "counts", nx, ny, values, px, py);
    }

    /** Points per spectrum of a WiRE long-form export (X, Y, wave, intensity), or 0. */
    private static int wireLongForm(List<double[]> t) {
        double w0 = t.get(0)[2];
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i)[2] == w0) {
                return t.size() % i == 0 ? i : 0;
            }
        }
        return 0;
    }

    private static Data wireMap(String name, List<double[]> t, int p, String yUnit) throws ImportException {
        int n = t.size() / p;
        double[] x = new double[p];
        for (int k = 0; k < p; k++) {
            x[k] = t.get(k)[2];
        }
        float[] values = new float[n * p];
        double[] px = new double[n];
        double[] py = new double[n];
        for (int i = 0; i < n; i++) {
            px[i] = t.get(i * p)[0] * 1e-6;
            py[i] = t.get(i * p)[1] * 1e-6;
            for (int k = 0; k < p; k++) {
                values[i * p + k] = (float) t.get(i * p + k)[3];
            }
        }
        int nx = distinct(px);
        int ny = n / nx;
        if ((long) nx * ny != n) {
            throw new ImportException(name + ": " + n + " spectra do not fill a grid of " + nx + " columns");
        }
        return new SpectrumMap(new Axis("Raman shift", "cm^-1", x), "intensity", yUnit, nx, ny, values, px, py);
    }

    private static int distinct(double[] v) {
        return (int) Arrays.stream(v).distinct().count();
    }
}
