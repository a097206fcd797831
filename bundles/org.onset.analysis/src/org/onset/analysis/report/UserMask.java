package org.onset.analysis.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.onset.map.api.Grid;

/**
 * A user's AlPO4 mask: a text file of ny rows of nx numbers (comma, semicolon, tab or space
 * separated; row j = 0 first; non-zero = AlPO4; lines starting with # are comments), or a PNG/GIF/BMP
 * image of nx × ny pixels (row j = 0 at the top; any pixel brighter than mid-grey = AlPO4). Masks in
 * other formats (Gwyddion {@code .gsf}, read by an importer) come in through {@link #fromImage}.
 */
public final class UserMask {

    private UserMask() {
    }

    /**
     * @throws IllegalArgumentException when the mask's size is not the map's grid, naming both
     * @throws IOException              when the file cannot be read
     */
    public static boolean[] read(Path file, Grid grid) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png") || name.endsWith(".gif") || name.endsWith(".bmp")) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
            if (image == null) {
                throw new IOException(file + " is not an image Java can read (PNG, GIF or BMP)");
            }
            requireSize(file, image.getWidth(), image.getHeight(), grid);
            boolean[] out = new boolean[grid.pixelCount()];
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    int rgb = image.getRGB(i, j);
                    int grey = ((rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF)) / 3;
                    out[j * grid.nx() + i] = grey > 127;
                }
            }
            return out;
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                rows.add(t.split("[,;\\s]+"));
            }
        }
        int nx = rows.isEmpty() ? 0 : rows.get(0).length;
        for (int j = 0; j < rows.size(); j++) {
            if (rows.get(j).length != nx) {
                throw new IllegalArgumentException("mask " + file + ": row " + (j + 1) + " has " + rows.get(j).length
                        + " values, the first row " + nx);
            }
        }
        requireSize(file, nx, rows.size(), grid);
        boolean[] out = new boolean[grid.pixelCount()];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                String v = rows.get(j)[i];
                try {
                    out[j * grid.nx() + i] = Double.parseDouble(v) != 0;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("mask " + file + ": row " + (j + 1) + ", column " + (i + 1)
                            + " is '" + v + "', not a number");
                }
            }
        }
        return out;
    }

    /**
     * A mask from an image read elsewhere (an SPM importer: Gwyddion {@code .gsf}), with the same
     * conventions as a PNG mask: row j = 0 is the image's top row, non-zero finite values = AlPO4.
     *
     * @param name   the mask's file, for messages
     * @param values nx · ny values, row-major, the image's top row first
     * @throws IllegalArgumentException when the image's size is not the map's grid, naming both
     */
    public static boolean[] fromImage(Path name, int nx, int ny, double[] values, Grid grid) {
        if (values.length != (long) nx * ny) {
            throw new IllegalArgumentException("mask " + name + ": " + values.length + " values for " + nx + " x " + ny
                    + " pixels");
        }
        requireSize(name, nx, ny, grid);
        boolean[] out = new boolean[grid.pixelCount()];
        for (int k = 0; k < out.length; k++) {
            out[k] = Double.isFinite(values[k]) && values[k] != 0;
        }
        return out;
    }

    private static void requireSize(Path file, int nx, int ny, Grid grid) {
        if (nx != grid.nx() || ny != grid.ny()) {
            throw new IllegalArgumentException("mask " + file + " is " + nx + " x " + ny + " pixels but the map is "
                    + grid.nx() + " x " + grid.ny() + ": a mask needs one value per map pixel");
        }
    }
}
