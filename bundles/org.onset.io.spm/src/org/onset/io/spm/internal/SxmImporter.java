package org.onset.io.spm.internal;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.onset.io.api.Channel;
import org.onset.io.api.ContentProbe;
import org.onset.io.api.Image;
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
 * Nanonis .sxm: a {@code :TAG:} text header up to {@code :SCANIT_END:}, then 0x1A 0x04 and the
 * images as float32 (byte order from SCANIT_TYPE), channel after channel, forward then backward when
 * the direction is "both". Images are turned so that row 0 is the top and x grows to the right:
 * backward images are mirrored, and SCAN_DIR "up" means the file's first line is the bottom.
 */
@Component(service = Importer.class)
public final class SxmImporter implements Importer {

    static final String FORMAT = "Nanonis SXM";

    @Override
    public String id() {
        return "nanonis-sxm";
    }

    @Override
    public String formatName() {
        return FORMAT + " (.sxm)";
    }

    @Override
    public List<String> extensions() {
        return List.of("sxm");
    }

    @Override
    public Match match(ContentProbe probe) {
        String head = probe.headText();
        return head.startsWith(":NANONIS_VERSION:") || head.startsWith(":SCANIT_TYPE:")
                ? Match.content("':NANONIS_VERSION:' header") : Match.none();
    }

    @Override
    public Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        Bytes b = Bytes.read(file, ByteOrder.BIG_ENDIAN);
        String name = b.name();
        String text = new String(b.array(), 0, Math.min(b.length(), 1 << 20), StandardCharsets.ISO_8859_1);
        int end = text.indexOf(":SCANIT_END:");
        if (end < 0) {
            throw new ImportException(name + ": no ':SCANIT_END:' ends the header (truncated or not an SXM file)");
        }
        int marker = text.indexOf("\u001a\u0004", end);
        if (marker < 0) {
            throw new ImportException(name + ": no 0x1A 0x04 marker after the header: the data are missing");
        }
        long dataStart = marker + 2L;
        Map<String, String> tags = new LinkedHashMap<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String line : Texts.lines(text.substring(0, end))) {
            if (line.startsWith(":") && line.endsWith(":") && line.length() > 2) {
                if (key != null) {
                    tags.put(key, value.toString().strip());
                }
                key = line.substring(1, line.length() - 1);
                value.setLength(0);
            } else if (key != null) {
                value.append(line).append('\n');
            }
        }
        if (key != null) {
            tags.put(key, value.toString().strip());
        }
        String type = tags.getOrDefault("SCANIT_TYPE", "FLOAT MSBFIRST").toUpperCase();
        if (!type.startsWith("FLOAT")) {
            throw new ImportException(name + ": SCANIT_TYPE '" + type + "' is not FLOAT");
        }
        b.order(type.contains("LSBFIRST") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long[] pixels = pair(name, tags, "SCAN_PIXELS");
        double[] range = range(name, tags, "SCAN_RANGE");
        double[] offset = tags.containsKey("SCAN_OFFSET") ? range(name, tags, "SCAN_OFFSET") : new double[2];
        int nx = (int) pixels[0];
        int ny = (int) pixels[1];
        long perImage = Limits.product(name, "SCAN_PIXELS", nx, ny);
        boolean up = tags.getOrDefault("SCAN_DIR", "down").strip().equalsIgnoreCase("up");
        List<String[]> info = dataInfo(name, tags.getOrDefault("DATA_INFO", ""));
        int images = 0;
        for (String[] row : info) {
            images += row[2].equalsIgnoreCase("both") ? 2 : 1;
        }
        Limits.count(name, "channels × SCAN_PIXELS", Limits.product(name, "images", perImage, Math.max(1, images)), 4,
                b.length() - dataStart);
        List<Channel> channels = new ArrayList<>();
        long at = dataStart;
        for (String[] row : info) {
            boolean both = row[2].equalsIgnoreCase("both");
            for (int dir = 0; dir < (both ? 2 : 1); dir++) {
                Cancel.check(monitor, name, channels.size() / (double) images);
                boolean backward = both ? dir == 1 : row[2].equalsIgnoreCase("backward");
                double[] z = new double[(int) perImage];
                for (int line = 0; line < ny; line++) {
                    int outRow = up ? ny - 1 - line : line;
                    for (int i = 0; i < nx; i++) {
                        int outCol = backward ? nx - 1 - i : i;
                        z[outRow * nx + outCol] = b.f32(at);
                        at += 4;
                    }
                }
                String quantity = row[1].equals("m") ? "height" : row[1].equals("A") ? "current" : row[0];
                channels.add(new Channel(row[0] + (backward ? " backward" : " forward"), quantity, row[1], z));
            }
        }
        Metadata.Builder m = new Metadata.Builder();
        m.text(Metadata.TITLE, tags.getOrDefault("SCAN_FILE", name).strip());
        for (String k : new String[] { "NANONIS_VERSION", "REC_DATE", "REC_TIME", "SCAN_DIR", "SCAN_ANGLE",
                "COMMENT" }) {
            if (tags.containsKey(k)) {
                m.text(k, tags.get(k));
            }
        }
        if (tags.containsKey("BIAS")) {
            m.number("bias_V", Texts.parseOrNaN(tags.get("BIAS")), "V");
        }
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "", new Image(nx, ny, range[0], range[1],
                offset[0] - range[0] / 2, offset[1] + range[1] / 2, channels), m.build());
    }

    private static List<String[]> dataInfo(String file, String table) throws ImportException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Texts.lines(table);
        for (int i = 1; i < lines.size(); i++) {
            String[] cols = lines.get(i).strip().split("\t");
            if (cols.length >= 4) {
                rows.add(new String[] { cols[1].strip(), cols[2].strip(), cols[3].strip() });
            }
        }
        if (rows.isEmpty()) {
            throw new ImportException(file + ": DATA_INFO lists no channels");
        }
        return rows;
    }

    private static long[] pair(String file, Map<String, String> tags, String key) throws ImportException {
        double[] v = range(file, tags, key);
        if (v[0] < 1 || v[1] < 1 || v[0] != Math.rint(v[0]) || v[1] != Math.rint(v[1])) {
            throw new ImportException(file + ": " + key + " must be two positive whole numbers");
        }
        return new long[] { (long) v[0], (long) v[1] };
    }

    private static double[] range(String file, Map<String, String> tags, String key) throws ImportException {
        String v = tags.get(key);
        if (v == null) {
            throw new ImportException(file + ": the header has no " + key);
        }
        String[] parts = v.strip().split("\\s+");
        if (parts.length < 2) {
            throw new ImportException(file + ": " + key + " needs two numbers, got '" + v + "'");
        }
        double a = Texts.parseOrNaN(parts[0]);
        double c = Texts.parseOrNaN(parts[1]);
        if (!Double.isFinite(a) || !Double.isFinite(c)) {
            throw new ImportException(file + ": " + key + " is not two numbers: '" + v + "'");
        }
        return new double[] { a, c };
    }
}
