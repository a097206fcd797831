package org.onset.batch.internal.io;

import java.io.PrintStream;
import java.util.Map;

import org.onset.io.api.Axis;
import org.onset.io.api.Channel;
import org.onset.io.api.Data;
import org.onset.io.api.Image;
import org.onset.io.api.Imported;
import org.onset.io.api.Metadata;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumMap;
import org.onset.io.api.SpectrumSet;

import com.google.gson.JsonObject;

/**
 * What {@code onset inspect} says about an imported (non-map) file: one JSON object with format,
 * kind, spectra, points, x (file order), y of the first spectrum, map or image sizes, z of the first
 * channel and the metadata. NaN (cells an interrupted map never reached) is skipped in min/max.
 */
public final class FileInspection {

    private FileInspection() {
    }

    public static JsonObject of(Imported im) {
        JsonObject o = new JsonObject();
        o.addProperty("file", im.file().toString());
        o.addProperty("format", im.format());
        o.addProperty("importer", im.importerId());
        o.addProperty("matched_by", im.matchedBy());
        Data data = im.data();
        o.addProperty("kind", data.kind());
        Spectrum first = null;
        if (data instanceof Spectrum s) {
            o.addProperty("spectra", 1);
            first = s;
        } else if (data instanceof SpectrumSet set) {
            o.addProperty("spectra", set.spectra().size());
            first = set.spectra().get(0);
        } else if (data instanceof SpectrumMap map) {
            o.addProperty("spectra", map.nx() * map.ny());
            first = map.spectrum(0);
        }
        if (first != null) {
            o.addProperty("points", first.x().size());
            Axis x = first.x();
            JsonObject xo = new JsonObject();
            xo.addProperty("quantity", x.quantity());
            xo.addProperty("unit", x.unit());
            xo.addProperty("first", x.first());
            xo.addProperty("last", x.last());
            o.add("x", xo);
            double[] y = first.y().values();
            int min = -1;
            int max = -1;
            for (int i = 0; i < y.length; i++) {
                if (Double.isNaN(y[i])) {
                    continue;
                }
                if (min < 0 || y[i] < y[min]) {
                    min = i;
                }
                if (max < 0 || y[i] > y[max]) {
                    max = i;
                }
            }
            JsonObject yo = new JsonObject();
            yo.addProperty("unit", first.y().unit());
            if (max >= 0) {
                yo.addProperty("min", y[min]);
                yo.addProperty("max", y[max]);
                yo.addProperty("x_at_max", x.values()[max]);
            }
            o.add("y", yo);
        }
        if (data instanceof SpectrumMap map) {
            JsonObject mo = new JsonObject();
            mo.addProperty("nx", map.nx());
            mo.addProperty("ny", map.ny());
            o.add("map", mo);
        }
        if (data instanceof Image image) {
            JsonObject io = new JsonObject();
            io.addProperty("nx", image.nx());
            io.addProperty("ny", image.ny());
            io.addProperty("width_m", image.widthM());
            io.addProperty("height_m", image.heightM());
            io.addProperty("channels", image.channels().size());
            o.add("image", io);
            Channel c = image.channels().get(0);
            JsonObject zo = new JsonObject();
            zo.addProperty("unit", c.unit());
            double lo = Double.NaN;
            double hi = Double.NaN;
            for (double v : c.z()) {
                if (!Double.isNaN(v)) {
                    lo = Double.isNaN(lo) ? v : Math.min(lo, v);
                    hi = Double.isNaN(hi) ? v : Math.max(hi, v);
                }
            }
            if (!Double.isNaN(lo)) {
                zo.addProperty("min", lo);
                zo.addProperty("max", hi);
            }
            o.add("z", zo);
        }
        JsonObject meta = new JsonObject();
        for (Map.Entry<String, Metadata.Value> e : im.metadata().entries().entrySet()) {
            Metadata.Value v = e.getValue();
            if (v instanceof Metadata.Number n) {
                if (Double.isFinite(n.value())) {
                    meta.addProperty(e.getKey(), n.value());
                }
            } else if (v instanceof Metadata.Flag f) {
                meta.addProperty(e.getKey(), f.value());
            } else if (v instanceof Metadata.Text t) {
                meta.addProperty(e.getKey(), t.value());
            }
        }
        o.add("metadata", meta);
        return o;
    }

    /** The same as readable lines (metadata limited to the well-known keys and a count). */
    public static void print(JsonObject o, PrintStream out) {
        out.println(o.get("file").getAsString());
        out.println("  format      " + o.get("format").getAsString() + "  (importer " + o.get("importer").getAsString()
                + ", matched by " + o.get("matched_by").getAsString() + ")");
        out.println("  kind        " + o.get("kind").getAsString());
        if (o.has("spectra")) {
            out.println("  spectra     " + o.get("spectra").getAsInt() + " × " + o.get("points").getAsInt() + " points");
            JsonObject x = o.getAsJsonObject("x");
            out.println("  x           " + x.get("quantity").getAsString() + " " + x.get("first").getAsDouble() + " → "
                    + x.get("last").getAsDouble() + " " + x.get("unit").getAsString());
            JsonObject y = o.getAsJsonObject("y");
            if (y.has("max")) {
                out.println("  y (first)   " + y.get("min").getAsDouble() + " … " + y.get("max").getAsDouble() + " "
                        + y.get("unit").getAsString() + ", max at x = " + y.get("x_at_max").getAsDouble());
            }
        }
        if (o.has("map")) {
            out.println("  map         " + o.getAsJsonObject("map").get("nx") + " × " + o.getAsJsonObject("map").get("ny"));
        }
        if (o.has("image")) {
            JsonObject i = o.getAsJsonObject("image");
            out.println("  image       " + i.get("nx") + " × " + i.get("ny") + " px, " + i.get("width_m").getAsDouble()
                    + " m × " + i.get("height_m").getAsDouble() + " m, " + i.get("channels") + " channels");
            JsonObject z = o.getAsJsonObject("z");
            if (z.has("min")) {
                out.println("  z (first)   " + z.get("min").getAsDouble() + " … " + z.get("max").getAsDouble() + " "
                        + z.get("unit").getAsString());
            }
        }
        JsonObject meta = o.getAsJsonObject("metadata");
        for (String k : new String[] { Metadata.TITLE, Metadata.MICROWAVE_FREQUENCY_GHZ, Metadata.LASER_WAVELENGTH_NM }) {
            if (meta.has(k)) {
                out.println("  " + String.format("%-11s ", k) + meta.get(k).getAsString());
            }
        }
        out.println("  metadata    " + meta.size() + " entries (--json shows them)");
    }
}
