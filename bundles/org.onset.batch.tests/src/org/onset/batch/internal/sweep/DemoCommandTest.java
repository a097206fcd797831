package org.onset.batch.internal.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code onset demo} on a small grid: files, images and the summary's structure and physics. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesBothMapsTheirPicturesAndASummary() throws Exception {
        Commands.Result r = Commands.run("demo", "-o", dir.toString(), "--size", "16");
        assertEquals(0, r.exit(), r.err());
        JsonObject summary = JsonParser.parseString(Files.readString(dir.resolve("summary.json"))).getAsJsonObject();
        assertTrue(summary.get("wall_s").getAsDouble() > 0);
        for (String e : List.of("current_control", "height_control")) {
            JsonObject x = summary.getAsJsonObject("experiments").getAsJsonObject(e);
            assertNotNull(x, e);
            assertEquals(e + ".h5", x.get("file").getAsString());
            assertEquals(256, x.get("pixels").getAsInt());
            try (MapFile f = Commands.service(MapReaderService.class).open(dir.resolve(e + ".h5"))) {
                assertTrue(f.isComplete());
                assertTrue(f.topography("before").isPresent() && f.topography("after").isPresent());
            }
            double nucleated = x.get("nucleated_fraction").getAsDouble();
            assertTrue(nucleated > 0.5 && nucleated <= 1, e + " nucleated " + nucleated);
            JsonObject bias = x.getAsJsonObject("onset_bias_V");
            double median = bias.get("median").getAsDouble();
            // PHYSICS.md: onsets −3.7 ± 0.5 V
            assertTrue(median < -3.2 && median > -4.2, e + " median onset " + median);
            assertTrue(bias.get("p05").getAsDouble() <= median && median <= bias.get("p95").getAsDouble());
            JsonObject phases = x.getAsJsonObject("by_phase");
            int sum = 0;
            for (String p : List.of("alpo4", "boundary", "matrix")) {
                JsonObject ph = phases.getAsJsonObject(p);
                sum += ph.get("pixels").getAsInt();
                assertTrue(ph.has("nucleated_fraction") && ph.has("median_onset_V"), p);
            }
            assertEquals(256, sum, "every pixel is in one region");
            JsonObject images = x.getAsJsonObject("images");
            for (String img : List.of("onset_bias", "current_at_end", "height_change", "rule", "topography_before",
                    "topography_after")) {
                String name = images.get(img).getAsString();
                BufferedImage png = ImageIO.read(dir.resolve(name).toFile());
                assertNotNull(png, img);
                assertTrue(png.getWidth() >= 600, img);
                // the same figure as SVG beside it, with its axes and title as text
                String svg = Files.readString(dir.resolve(name.replace(".png", ".svg")));
                assertTrue(svg.contains("<svg") && svg.contains("x (nm)") && svg.contains("</svg>"), img);
            }
        }
        JsonObject current = summary.getAsJsonObject("experiments").getAsJsonObject("current_control");
        JsonObject height = summary.getAsJsonObject("experiments").getAsJsonObject("height_control");
        double ratio = current.getAsJsonObject("overshoot").get("current_ratio_median").getAsDouble();
        double excess = height.getAsJsonObject("overshoot").get("dz_excess_nm_median").getAsDouble();
        // PHYSICS.md: the current cutoff is overshot several times, the height cutoff by a few nm
        assertTrue(ratio > 2 && ratio < 8, "current overshoot " + ratio);
        assertTrue(excess > 0 && excess < 6, "dZ excess " + excess + " nm");
        assertTrue(current.getAsJsonObject("overshoot").get("dz_excess_nm_median").isJsonNull());
        assertTrue(r.out().contains("current_control") && r.out().contains("height_control"), r.out());

        // the summary can be recomputed from each finished file alone
        for (String e : List.of("current_control", "height_control")) {
            JsonObject x = summary.getAsJsonObject("experiments").getAsJsonObject(e);
            Commands.Result inspect = Commands.run("inspect", dir.resolve(e + ".h5").toString(), "--json");
            assertEquals(0, inspect.exit(), inspect.err());
            JsonObject stats = JsonParser.parseString(inspect.out()).getAsJsonObject().getAsJsonObject("statistics");
            for (String key : List.of("pixels", "nucleated_fraction", "onset_bias_V", "by_phase", "overshoot", "faults")) {
                assertEquals(x.get(key), stats.get(key), e + " " + key);
            }
        }
    }

    /** Issue 9, defect 12: "--size 0" and "--size -1" used to give two messages that disagreed about 0. */
    @Test
    void everyWrongSizeGetsTheSameMessage() throws Exception {
        // an IllegalArgumentException is what the application turns into the message, usage and exit 2
        for (String size : List.of("0", "-1", "abc", "91")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Commands.run("demo", "-o", dir.toString(), "--size", size));
            assertTrue(e.getMessage().startsWith("--size must be a whole number 1 … 90 (pixels per side"),
                    size + ": " + e.getMessage());
        }
        assertEquals(List.of(), List.of(dir.toFile().list()), "nothing was written");
    }

    @Test
    void anOutputFolderThatCannotBeCreatedIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Commands.Result r = Commands.run("demo", "-o", file.resolve("sub").toString(), "--size", "2");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("cannot create the output folder"), r.err());
    }
}
