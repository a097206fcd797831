package org.onset.batch.internal.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.onset.io.api.Axis;
import org.onset.io.api.Channel;
import org.onset.io.api.Data;
import org.onset.io.api.Image;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumMap;
import org.onset.io.api.SpectrumSet;

/**
 * Comma-separated text of any imported data, with units in the header row: spectra as columns
 * (x first), maps as one row per spectrum (x_m, y_m, intensities at the x values of the header),
 * images as the matrix of one channel, top row first.
 */
final class CsvExport {

    private CsvExport() {
    }

    static void write(Data data, int channel, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (data instanceof Spectrum s) {
                spectra(w, List.of(s));
            } else if (data instanceof SpectrumSet set) {
                spectra(w, set.spectra());
            } else if (data instanceof SpectrumMap map) {
                w.write("x_m,y_m");
                for (double x : map.x().values()) {
                    w.write("," + x);
                }
                w.write("\n# intensities in " + map.yUnit() + " at " + map.x().quantity() + " in " + map.x().unit()
                        + "\n");
                int p = map.points();
                for (int i = 0; i < map.nx() * map.ny(); i++) {
                    StringBuilder b = new StringBuilder();
                    b.append(map.positionX()[i]).append(',').append(map.positionY()[i]);
                    for (int k = 0; k < p; k++) {
                        b.append(',').append(map.intensities()[i * p + k]);
                    }
                    w.write(b.append('\n').toString());
                }
            } else if (data instanceof Image image) {
                Channel c = image.channels().get(channel);
                w.write("# " + c.name() + " in " + c.unit() + ", " + image.nx() + " x " + image.ny() + " px, "
                        + image.widthM() + " m x " + image.heightM() + " m, top row first\n");
                for (int r = 0; r < image.ny(); r++) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < image.nx(); i++) {
                        if (i > 0) {
                            b.append(',');
                        }
                        b.append(c.z()[r * image.nx() + i]);
                    }
                    w.write(b.append('\n').toString());
                }
            }
        }
    }

    private static void spectra(BufferedWriter w, List<Spectrum> spectra) throws IOException {
        Axis x = spectra.get(0).x();
        boolean shared = spectra.stream().allMatch(s -> Arrays.equals(s.x().values(), x.values()));
        if (shared) {
            StringBuilder h = new StringBuilder(x.quantity() + " (" + x.unit() + ")");
            for (int i = 0; i < spectra.size(); i++) {
                Spectrum s = spectra.get(i);
                h.append(',').append(s.y().quantity()).append(spectra.size() > 1 ? " " + i : "").append(" (")
                        .append(s.y().unit()).append(')');
            }
            w.write(h.append('\n').toString());
            for (int k = 0; k < x.size(); k++) {
                StringBuilder b = new StringBuilder().append(x.values()[k]);
                for (Spectrum s : spectra) {
                    b.append(',').append(s.y().values()[k]);
                }
                w.write(b.append('\n').toString());
            }
        } else {
            w.write("spectrum," + x.quantity() + " (" + x.unit() + ")," + spectra.get(0).y().quantity() + " ("
                    + spectra.get(0).y().unit() + ")\n");
            for (int i = 0; i < spectra.size(); i++) {
                Spectrum s = spectra.get(i);
                for (int k = 0; k < s.x().size(); k++) {
                    w.write(i + "," + s.x().values()[k] + "," + s.y().values()[k] + "\n");
                }
            }
        }
    }
}
