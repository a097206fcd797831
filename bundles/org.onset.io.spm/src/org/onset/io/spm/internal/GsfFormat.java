package org.onset.io.spm.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.onset.io.api.Channel;
import org.onset.io.api.ContentProbe;
import org.onset.io.api.Image;
import org.onset.io.api.ImageExporter;
import org.onset.io.api.ImportException;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.Imported;
import org.onset.io.api.Importer;
import org.onset.io.api.Match;
import org.onset.io.api.Metadata;
import org.onset.io.support.Bytes;
import org.onset.io.support.Cancel;
import org.onset.io.support.Limits;
import org.onset.io.support.Texts;
import org.osgi.service.component.annotations.Component;

/**
 * Gwyddion Simple Field (.gsf), read and written: a "Gwyddion Simple Field 1.0" line, "Key = Value"
 * lines, NUL padding to a multiple of 4 bytes (at least one NUL), then XRes·YRes little-endian
 * float32, row-major, first row at the top.
 */
@Component(service = { Importer.class, ImageExporter.class }, property = ImageExporter.EXTENSION_PROPERTY + "=gsf")
public final class GsfFormat implements Importer, ImageExporter {

    static final String FORMAT = "Gwyddion Simple Field";
    private static final String MAGIC = "Gwyddion Simple Field 1.0\n";

    @Override
    public String id() {
        return "gwyddion-gsf";
    }

    @Override
    public String formatName() {
        return FORMAT + " (.gsf)";
    }

    @Override
    public List<String> extensions() {
        return List.of("gsf");
    }

    @Override
    public String extension() {
        return "gsf";
    }

    @Override
    public Match match(ContentProbe probe) {
        return probe.startsWith(MAGIC) ? Match.content("magic 'Gwyddion Simple Field 1.0'") : Match.none();
    }

    @Override
    public Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        Bytes b = Bytes.read(file, ByteOrder.LITTLE_ENDIAN);
        String name = b.name();
        if (b.length() < MAGIC.length()
                || !new String(b.array(), 0, MAGIC.length(), StandardCharsets.ISO_8859_1).equals(MAGIC)) {
            throw new ImportException(name + ": no 'Gwyddion Simple Field 1.0' line");
        }
        int nul = b.nul(0, "the GSF header");
        Map<String, String> h = new LinkedHashMap<>();
        for (String line : Texts.lines(new String(b.array(), MAGIC.length(), nul - MAGIC.length(),
                StandardCharsets.UTF_8))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                h.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        long dataStart = (nul / 4 + 1) * 4L;
        long nx = whole(name, h, "XRes");
        long ny = whole(name, h, "YRes");
        int n = Limits.count(name, "XRes × YRes", Limits.product(name, "XRes × YRes", nx, ny), 4,
                b.length() - dataStart);
        double[] z = new double[n];
        b.need(dataStart, 4L * n, "the data");
        for (int i = 0; i < n; i++) {
            if (i % 65536 == 0) {
                Cancel.check(monitor, name, i / (double) n);
            }
            z[i] = Float.intBitsToFloat(b.raw32((int) (dataStart + 4L * i)));
        }
        String zUnit = h.getOrDefault("ZUnits", "");
        String title = h.getOrDefault("Title", "data");
        Metadata.Builder m = new Metadata.Builder().text(Metadata.TITLE, title);
        h.forEach(m::text);
        double xs = unitScale(h.getOrDefault("XYUnits", "m"));
        Image image = new Image((int) nx, (int) ny, positive(name, h, "XReal", nx) * xs,
                positive(name, h, "YReal", ny) * xs, number(h, "XOffset") * xs, number(h, "YOffset") * xs,
                List.of(new Channel(title, zUnit.equals("m") ? "height" : "z", zUnit, z)));
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "", image, m.build());
    }

    /** Lengths in other units are stored in m in the data model. */
    private static double unitScale(String unit) {
        return switch (unit.strip()) {
            case "nm" -> 1e-9;
            case "um", "µm" -> 1e-6;
            case "mm" -> 1e-3;
            default -> 1;
        };
    }

    private static double number(Map<String, String> h, String key) {
        double v = Texts.parseOrNaN(h.getOrDefault(key, "0"));
        return Double.isFinite(v) ? v : 0;
    }

    private static double positive(String file, Map<String, String> h, String key, long res) {
        double v = Texts.parseOrNaN(h.getOrDefault(key, ""));
        return v > 0 && Double.isFinite(v) ? v : res; // Gwyddion's default: one unit per pixel
    }

    private static long whole(String file, Map<String, String> h, String key) throws ImportException {
        String v = h.get(key);
        if (v == null) {
            throw new ImportException(file + ": the GSF header has no " + key);
        }
        try {
            long n = Long.parseLong(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ImportException(file + ": " + key + " = '" + v + "' is not a positive whole number");
        }
    }

    @Override
    public void write(Image image, int channel, Path file) throws IOException {
        Channel c = image.channels().get(channel);
        StringBuilder h = new StringBuilder(MAGIC);
        h.append("XRes = ").append(image.nx()).append('\n');
        h.append("YRes = ").append(image.ny()).append('\n');
        h.append(String.format(Locale.ROOT, "XReal = %.17g%n", image.widthM()));
        h.append(String.format(Locale.ROOT, "YReal = %.17g%n", image.heightM()));
        h.append(String.format(Locale.ROOT, "XOffset = %.17g%n", image.offsetXM()));
        h.append(String.format(Locale.ROOT, "YOffset = %.17g%n", image.offsetYM()));
        h.append("XYUnits = m\n");
        h.append("ZUnits = ").append(c.unit().replace('\n', ' ')).append('\n');
        h.append("Title = ").append(c.name().replace('\n', ' ')).append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        int padding = 4 - header.length % 4; // 1..4 NULs: at least one, and the data 4-byte aligned
        ByteBuffer data = ByteBuffer.allocate(4 * c.z().length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : c.z()) {
            data.putFloat((float) v);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header);
            out.write(new byte[padding]);
            out.write(data.array());
        }
    }
}
