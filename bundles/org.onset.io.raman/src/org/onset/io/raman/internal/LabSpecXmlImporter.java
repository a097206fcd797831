package org.onset.io.raman.internal;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

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
import org.onset.io.api.SpectrumMap;
import org.onset.io.api.SpectrumSet;
import org.onset.io.support.Bytes;
import org.onset.io.support.Cancel;
import org.onset.io.support.Limits;
import org.osgi.service.component.annotations.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Horiba LabSpec 6 XML export ({@code LSX_Data}): an {@code LSX_Tree} of {@code LSX} elements told
 * apart by hashed {@code ID}s, and an {@code LSX_Matrix} with one {@code LSX_Row} of
 * whitespace-separated intensities per spectrum. The spectral axis is the tree's value array
 * ({@code Format="6"}) as long as the rows, with its name and unit in sibling elements (IDs
 * {@code 0x6D707974} and {@code 0x7C696E75}); the intensity's name and unit sit in the axis entry
 * without values. Instrument parameters are entries with a name ({@code 0x6D6D616E}), a shown value
 * ({@code 0x7D6C61DB}), a numeric value ({@code 0x8736F70}) and a unit; "Laser (nm)" gives the laser
 * wavelength. LabSpec's "1/cm" is a Raman shift, "1/cm abs" an absolute wavenumber. Maps and line
 * scans carry further value arrays beside the spectral axis, named "X" and "Y" (µm): the first of
 * them in the file varies fastest over the rows; when their lengths multiply to the number of rows
 * the file opens as a spectrum map (reordered x fastest, positions in m), otherwise several rows are
 * a set of spectra.
 */
@Component(service = Importer.class)
public final class LabSpecXmlImporter implements Importer {

    static final String FORMAT = "Horiba LabSpec XML";
    private static final String NAME = "0x6D707974";
    private static final String UNIT = "0x7C696E75";
    private static final String VALUES = "0x7D6CD4DB";
    private static final String ENTRY_NAME = "0x6D6D616E";
    private static final String ENTRY_SHOWN = "0x7D6C61DB";
    private static final String ENTRY_NUMBER = "0x8736F70";
    private static final String TITLE = "0x6C7469D9";

    @Override
    public String id() {
        return "labspec-xml";
    }

    @Override
    public String formatName() {
        return FORMAT + " (.xml)";
    }

    @Override
    public List<String> extensions() {
        return List.of("xml");
    }

    @Override
    public Match match(ContentProbe probe) {
        String head = probe.headText();
        if (head.contains("<LSX_Data") && head.contains("<LSX_Tree")) {
            return Match.content("root element <LSX_Data> with <LSX_Tree>");
        }
        return Match.none();
    }

    @Override
    public Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        byte[] bytes = Bytes.readAll(file);
        String name = file.getFileName().toString();
        Document doc = parse(name, bytes);
        Element root = doc.getDocumentElement();
        if (!"LSX_Data".equals(root.getTagName())) {
            throw new ImportException(name + ": root element <" + root.getTagName() + ">, not <LSX_Data>");
        }
        Element tree = first(root, "LSX_Tree");
        Element matrix = first(root, "LSX_Matrix");
        if (tree == null || matrix == null) {
            throw new ImportException(name + ": no " + (tree == null ? "<LSX_Tree>" : "<LSX_Matrix>"));
        }
        List<double[]> rows = new ArrayList<>();
        NodeList rowNodes = matrix.getElementsByTagName("LSX_Row");
        for (int k = 0; k < rowNodes.getLength(); k++) {
            if (k % 256 == 0) {
                Cancel.check(monitor, name, 0.8 * k / rowNodes.getLength());
            }
            rows.add(numbers(name, "LSX_Row " + k, rowNodes.item(k).getTextContent()));
        }
        if (rows.isEmpty()) {
            throw new ImportException(name + ": the LSX_Matrix holds no LSX_Row");
        }
        int points = rows.get(0).length;
        for (int k = 1; k < rows.size(); k++) {
            if (rows.get(k).length != points) {
                throw new ImportException(name + ": LSX_Row " + k + " has " + rows.get(k).length + " values, row 0 has " + points);
            }
        }
        // the spectral axis: a value array as long as the rows
        Element axisValues = null;
        NodeList all = tree.getElementsByTagName("LSX");
        for (int k = 0; k < all.getLength(); k++) {
            Element e = (Element) all.item(k);
            if ("6".equals(e.getAttribute("Format")) && VALUES.equals(e.getAttribute("ID"))) {
                double[] v = numbers(name, "the axis values", e.getTextContent());
                if (v.length == points) {
                    axisValues = e;
                    break;
                }
            }
        }
        if (axisValues == null) {
            throw new ImportException(name + ": no axis of " + points + " values in the LSX_Tree for the rows' " + points
                    + " intensities");
        }
        double[] x = numbers(name, "the axis values", axisValues.getTextContent());
        Element axisEntry = (Element) axisValues.getParentNode();
        String xName = child(axisEntry, NAME);
        String xUnit = child(axisEntry, UNIT);
        String yName = "intensity";
        String yUnit = "a.u.";
        if (axisEntry.getParentNode() instanceof Element axes) {
            for (Node n = axes.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element other && other != axisEntry && child(other, VALUES) == null
                        && child(other, NAME) != null) {
                    yName = child(other, NAME);
                    yUnit = child(other, UNIT) == null ? yUnit : child(other, UNIT);
                    break;
                }
            }
        }
        Axis axis = axis(xName, xUnit, x);
        Metadata.Builder meta = new Metadata.Builder();
        String title = child(tree, TITLE);
        if (title != null) {
            meta.text(Metadata.TITLE, title);
        }
        for (int k = 0; k < all.getLength(); k++) {
            Element e = (Element) all.item(k);
            String key = child(e, ENTRY_NAME);
            if (key == null || !"9".equals(e.getAttribute("Format"))) {
                continue;
            }
            String shown = child(e, ENTRY_SHOWN);
            String number = child(e, ENTRY_NUMBER);
            String unit = child(e, UNIT);
            if (key.startsWith("Laser (nm)")) {
                double nm = parse(number != null ? number : shown);
                if (nm > 0) {
                    meta.number(Metadata.LASER_WAVELENGTH_NM, nm, "nm");
                }
            }
            double v = parse(shown);
            if (Double.isFinite(v)) {
                meta.number(key, v, unit == null ? "" : unit);
            } else if (shown != null) {
                meta.text(key, shown.strip());
            }
        }
        String quantity = yName.equalsIgnoreCase("Intens") ? "intensity" : yName;
        SpectrumMap map = map(axisEntry, axis, quantity, yUnit, rows);
        if (map != null) {
            monitor.progress(1);
            return new Imported(file, FORMAT, id(), "", map, meta.build());
        }
        List<Spectrum> spectra = new ArrayList<>();
        for (double[] r : rows) {
            spectra.add(new Spectrum(axis, new Signal(quantity, yUnit, r)));
        }
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "", spectra.size() == 1 ? spectra.get(0) : new SpectrumSet(spectra, null),
                meta.build());
    }

    /**
     * The rows as a map when position axes "X"/"Y" beside the spectral axis multiply to the row count
     * (the first position axis in the file varies fastest); null otherwise.
     */
    private static SpectrumMap map(Element axisEntry, Axis axis, String quantity, String yUnit, List<double[]> rows)
            throws ImportException {
        if (rows.size() < 2 || !(axisEntry.getParentNode() instanceof Element axes)) {
            return null;
        }
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<Double> scales = new ArrayList<>();
        for (Node n = axes.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e != axisEntry && child(e, VALUES) != null) {
                String nm = child(e, NAME) == null ? "" : child(e, NAME).strip().toUpperCase(Locale.ROOT);
                if (!nm.equals("X") && !nm.equals("Y")) {
                    continue;
                }
                names.add(nm);
                values.add(numbers("map", "the " + nm + " axis", child(e, VALUES)));
                String u = child(e, UNIT) == null ? "" : child(e, UNIT).strip();
                scales.add(switch (u) {
                    case "\u00b5m", "\u03bcm", "um" -> 1e-6;
                    case "nm" -> 1e-9;
                    case "mm" -> 1e-3;
                    case "m" -> 1.0;
                    default -> Double.NaN;
                });
            }
        }
        if (names.isEmpty() || names.size() > 2) {
            return null;
        }
        int fast = values.get(0).length;
        int slow = names.size() == 2 ? values.get(1).length : 1;
        if (fast < 1 || slow < 1 || (long) fast * slow != rows.size()) {
            return null;
        }
        boolean xFast = names.get(0).equals("X");
        int nx = xFast ? fast : slow;
        int ny = xFast ? slow : fast;
        int points = axis.size();
        float[] intensities = new float[Math.multiplyExact(nx * ny, points)];
        double[] px = new double[nx * ny];
        double[] py = new double[nx * ny];
        for (int r = 0; r < rows.size(); r++) {
            int f = r % fast;
            int s = r / fast;
            int col = xFast ? f : s;
            int row = xFast ? s : f;
            int index = row * nx + col;
            double[] v = rows.get(r);
            for (int k = 0; k < points; k++) {
                intensities[index * points + k] = (float) v[k];
            }
            px[index] = position(names, values, scales, "X", col);
            py[index] = position(names, values, scales, "Y", row);
        }
        return new SpectrumMap(axis, quantity, yUnit, nx, ny, intensities, px, py);
    }

    private static double position(List<String> names, List<double[]> values, List<Double> scales, String which, int i) {
        int a = names.indexOf(which);
        return a < 0 ? Double.NaN : values.get(a)[i] * scales.get(a);
    }

    private static Axis axis(String name, String unit, double[] x) {
        String u = unit == null ? "" : unit.strip();
        return switch (u.toLowerCase(Locale.ROOT)) {
            case "1/cm abs", "cm-1 abs" -> new Axis("wavenumber", "cm^-1", x);
            case "1/cm", "cm-1" -> new Axis("Raman shift", "cm^-1", x);
            case "nm" -> new Axis("wavelength", "nm", x);
            case "ev" -> new Axis("energy", "eV", x);
            default -> new Axis(name == null ? "x" : name, u, x);
        };
    }

    /** The text of the direct child LSX with this ID, or null. */
    private static String child(Element parent, String id) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "LSX".equals(e.getTagName()) && id.equals(e.getAttribute("ID"))) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    private static Element first(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && tag.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static double parse(String s) {
        if (s == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double[] numbers(String name, String what, String text) throws ImportException {
        String t = text.strip();
        if (t.isEmpty()) {
            return new double[0];
        }
        String[] parts = t.split("\\s+");
        int n = Limits.count(name, what, parts.length, 1, t.length());
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            try {
                v[k] = Double.parseDouble(parts[k]);
            } catch (NumberFormatException e) {
                throw new ImportException(name + ": " + what + " value " + k + " is not a number ('" + parts[k] + "')");
            }
        }
        return v;
    }

    /** A DOM without DTDs or external entities: a file must not make us read other files or the network. */
    private static Document parse(String name, byte[] bytes) throws ImportException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // fatal errors throw, nothing on stderr
            return b.parse(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            throw new ImportException(name + ": not well-formed XML (" + e.getMessage() + ")", e);
        }
    }
}
