package org.onset.io.epr.internal;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
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
import org.onset.io.support.Bytes;
import org.onset.io.support.Cancel;
import org.onset.io.support.Limits;
import org.osgi.service.component.annotations.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Magnettech (Bruker) MS-5000 / ESR5000 XML ({@code ESRXmlFile}): a {@code Measurement} element with
 * the microwave frequency ({@code MwFreq}, GHz) and temperature (°C) as attributes, its recipe's
 * {@code Param} elements (e.g. {@code Bfrom}/{@code Bto} in mT), and {@code DataCurves}. Each
 * {@code Curve} is sampled in time (t = XOffset + XSlope·i, s) and holds its values as base64 groups
 * of one little-endian float64 each (12 characters, "=" at the end). The field is a curve of its own
 * ({@code YType="BField"}), sampled more coarsely than the signal ({@code YType="MW_Absorption"},
 * the first harmonic): the field of each signal sample is interpolated linearly in time, samples
 * outside the field curve's time span are dropped, and — as the instrument sweeps a little beyond the
 * range asked for — the spectrum is cut to the recipe's Bfrom…Bto. The field axis stays as measured
 * (not uniform).
 */
@Component(service = Importer.class)
public final class MagnettechXmlImporter implements Importer {

    static final String FORMAT = "Magnettech XML";

    @Override
    public String id() {
        return "magnettech-xml";
    }

    @Override
    public String formatName() {
        return FORMAT + " (.xml, MS-5000/ESR5000)";
    }

    @Override
    public List<String> extensions() {
        return List.of("xml");
    }

    @Override
    public Match match(ContentProbe probe) {
        String head = probe.headText();
        if (head.contains("<ESRXmlFile")) {
            return Match.content("root element <ESRXmlFile>");
        }
        return Match.none(); // other programs write .xml too: the extension alone says nothing
    }

    @Override
    public Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException {
        byte[] bytes = Bytes.readAll(file);
        String name = file.getFileName().toString();
        Document doc = parse(name, bytes);
        Cancel.check(monitor, name, 0.3);
        Element root = doc.getDocumentElement();
        if (!"ESRXmlFile".equals(root.getTagName())) {
            throw new ImportException(name + ": root element <" + root.getTagName() + ">, not <ESRXmlFile>");
        }
        NodeList measurements = root.getElementsByTagName("Measurement");
        if (measurements.getLength() == 0) {
            throw new ImportException(name + ": no <Measurement> element");
        }
        Element m = (Element) measurements.item(0);
        Element fieldCurve = null;
        Element signalCurve = null;
        NodeList curves = m.getElementsByTagName("Curve");
        for (int k = 0; k < curves.getLength(); k++) {
            Element c = (Element) curves.item(k);
            String type = c.getAttribute("YType");
            if (type.equals("BField") && fieldCurve == null) {
                fieldCurve = c;
            } else if (type.equals("MW_Absorption") && signalCurve == null) {
                signalCurve = c;
            }
        }
        if (fieldCurve == null) {
            throw new ImportException(name + ": no field curve (<Curve YType=\"BField\">)");
        }
        if (signalCurve == null) {
            throw new ImportException(name + ": no signal curve (<Curve YType=\"MW_Absorption\">)");
        }
        double[] field = values(name, fieldCurve);
        double[] signal = values(name, signalCurve);
        Cancel.check(monitor, name, 0.7);
        double fOffset = number(name, fieldCurve, "XOffset");
        double fSlope = number(name, fieldCurve, "XSlope");
        double sOffset = number(name, signalCurve, "XOffset");
        double sSlope = number(name, signalCurve, "XSlope");
        if (!(fSlope > 0) || !(sSlope > 0)) {
            throw new ImportException(name + ": the curves' time steps (XSlope) must be positive, got " + fSlope + " s (field) and "
                    + sSlope + " s (signal)");
        }
        double from = param(m, "Bfrom");
        double to = param(m, "Bto");
        String unit = fieldCurve.getAttribute("YUnit").isBlank() ? "mT" : fieldCurve.getAttribute("YUnit").trim();
        boolean crop = unit.equals("mT") && Double.isFinite(from) && Double.isFinite(to) && from < to;
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < signal.length; i++) {
            double pos = (sOffset + sSlope * i - fOffset) / fSlope;
            if (!(pos >= 0) || pos > field.length - 1) {
                continue; // no field known at this time
            }
            int j = Math.min((int) Math.floor(pos), field.length - 2);
            double b = field.length == 1 ? field[0] : field[j] + (field[j + 1] - field[j]) * (pos - j);
            if (crop && !(b >= from && b <= to)) {
                continue;
            }
            kept.add(new double[] { b, signal[i] });
        }
        if (kept.size() < 2) {
            throw new ImportException(name + ": fewer than two signal samples lie within the field curve's time span"
                    + (crop ? " and " + from + "–" + to + " mT" : ""));
        }
        double[] x = new double[kept.size()];
        double[] y = new double[kept.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = kept.get(k)[0];
            y[k] = kept.get(k)[1];
        }
        String yUnit = signalCurve.getAttribute("YUnit").isBlank() ? "a.u." : signalCurve.getAttribute("YUnit").trim();
        Metadata.Builder meta = new Metadata.Builder();
        if (!m.getAttribute("Name").isBlank()) {
            meta.text(Metadata.TITLE, m.getAttribute("Name"));
        }
        double mw = attribute(m, "MwFreq");
        if (mw > 0) {
            meta.number(Metadata.MICROWAVE_FREQUENCY_GHZ, mw, "GHz");
        }
        double temperature = attribute(m, "Temperature");
        if (Double.isFinite(temperature)) {
            meta.number("temperature_K", temperature + 273.15, "K");
        }
        for (String a : new String[] { "Device", "SWV", "Timestamp" }) {
            if (!m.getAttribute(a).isBlank()) {
                meta.text(a, m.getAttribute(a));
            }
        }
        NodeList params = m.getElementsByTagName("Param");
        for (int k = 0; k < params.getLength(); k++) {
            Element p = (Element) params.item(k);
            String key = p.getAttribute("Name");
            String text = p.getTextContent().trim();
            if (key.isBlank()) {
                continue;
            }
            try {
                meta.number(key, Double.parseDouble(text), p.getAttribute("Unit"));
            } catch (NumberFormatException e) {
                meta.text(key, text);
            }
        }
        meta.text("signal_curve", signalCurve.getAttribute("Name"));
        monitor.progress(1);
        return new Imported(file, FORMAT, id(), "", new Spectrum(new Axis("magnetic field", unit, x),
                new Signal("EPR signal", yUnit, y)), meta.build());
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

    /** The curve's base64 groups, each one little-endian float64. */
    private static double[] values(String name, Element curve) throws ImportException {
        String text = curve.getTextContent().replaceAll("\\s+", "");
        String curveName = curve.getAttribute("Name");
        if (text.isEmpty()) {
            throw new ImportException(name + ": curve '" + curveName + "' holds no data");
        }
        if (!"Base64".equalsIgnoreCase(curve.getAttribute("Compression").trim())) {
            throw new ImportException(name + ": curve '" + curveName + "' has compression '" + curve.getAttribute("Compression")
                    + "' (only Base64 is known)");
        }
        if (text.length() % 12 != 0) {
            throw new ImportException(name + ": curve '" + curveName + "' has " + text.length()
                    + " base64 characters, not a whole number of 12-character float64 groups");
        }
        int n = Limits.count(name, "curve '" + curveName + "' points", text.length() / 12, 12, text.length());
        double[] v = new double[n];
        Base64.Decoder decoder = Base64.getDecoder();
        for (int k = 0; k < n; k++) {
            byte[] group;
            try {
                group = decoder.decode(text.substring(12 * k, 12 * k + 12));
            } catch (IllegalArgumentException e) {
                throw new ImportException(name + ": curve '" + curveName + "' value " + k + " is not base64 ("
                        + e.getMessage() + ")");
            }
            if (group.length != 8) {
                throw new ImportException(name + ": curve '" + curveName + "' value " + k + " decodes to " + group.length
                        + " bytes, not a float64");
            }
            v[k] = ByteBuffer.wrap(group).order(ByteOrder.LITTLE_ENDIAN).getDouble();
        }
        return v;
    }

    private static double number(String name, Element e, String attribute) throws ImportException {
        double v = attribute(e, attribute);
        if (!Double.isFinite(v)) {
            throw new ImportException(name + ": curve '" + e.getAttribute("Name") + "' has no number in " + attribute + " ('"
                    + e.getAttribute(attribute) + "')");
        }
        return v;
    }

    private static double attribute(Element e, String attribute) {
        try {
            return Double.parseDouble(e.getAttribute(attribute).trim());
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }

    /** A recipe parameter in mT (NaN when absent or in another unit). */
    private static double param(Element m, String key) {
        NodeList params = m.getElementsByTagName("Param");
        for (int k = 0; k < params.getLength(); k++) {
            Element p = (Element) params.item(k);
            if (key.equals(p.getAttribute("Name"))) {
                String unit = p.getAttribute("Unit").trim().toLowerCase(Locale.ROOT);
                if (!unit.isEmpty() && !unit.equals("mt")) {
                    return Double.NaN;
                }
                try {
                    return Double.parseDouble(p.getTextContent().trim());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return Double.NaN;
    }
}
