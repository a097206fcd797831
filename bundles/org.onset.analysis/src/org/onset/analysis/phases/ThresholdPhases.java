package org.onset.analysis.phases;

import java.util.Locale;

import org.onset.analysis.PhaseMap;
import org.onset.io.api.Channel;
import org.onset.io.api.Image;
import org.onset.map.api.Grid;

/**
 * AlPO4 as the part of an image above (or below) a threshold: a levelled topography image (AlPO4
 * grains stand a few nm proud of the polished LICGC), an SPM image from another instrument, or a
 * Raman band map. The image is laid on the map's grid by stage coordinates: each map pixel takes the
 * value of the image pixel its centre falls in (nearest neighbour), so images finer or coarser than
 * the map, offset or covering only part of it, all work. Map pixels outside the image, or on a NaN,
 * are left unclassified ({@code null}); the others are {@link PhaseMap#ALPO4} or
 * {@link PhaseMap#MATRIX}.
 */
public final class ThresholdPhases {

    private ThresholdPhases() {
    }

    /**
     * @param grid      the map's grid (m, stage frame)
     * @param image     the image in the same frame (row 0 at the top, {@code offsetYM} its top edge)
     * @param channel   which of its channels
     * @param threshold in the channel's unit (SI: m for heights)
     * @param above     AlPO4 where the value is above the threshold (else below it)
     * @param source    what the image is, in words (for the phase map's source)
     * @throws IllegalArgumentException when the channel does not exist or the image does not overlap
     *                                  the map (the message gives both extents)
     */
    public static PhaseMap of(Grid grid, Image image, int channel, double threshold, boolean above, String source) {
        if (channel < 0 || channel >= image.channels().size()) {
            throw new IllegalArgumentException("channel " + channel + " does not exist: the image has channels 0.."
                    + (image.channels().size() - 1));
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("the threshold must be a finite number, got " + threshold);
        }
        Channel c = image.channels().get(channel);
        double px = image.widthM() / image.nx();
        double py = image.heightM() / image.ny();
        String[] regions = new String[grid.pixelCount()];
        int inside = 0;
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int col = (int) Math.floor((grid.x(i) - image.offsetXM()) / px);
                int row = (int) Math.floor((image.offsetYM() - grid.y(j)) / py);
                if (col < 0 || col >= image.nx() || row < 0 || row >= image.ny()) {
                    continue;
                }
                double v = c.z()[row * image.nx() + col];
                if (Double.isNaN(v)) {
                    continue;
                }
                inside++;
                regions[grid.index(i, j)] = (above ? v > threshold : v < threshold) ? PhaseMap.ALPO4 : PhaseMap.MATRIX;
            }
        }
        if (inside == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s does not overlap the map: the map's pixels lie in x %.3f … %.3f µm, y %.3f … %.3f µm, the image "
                            + "covers x %.3f … %.3f µm, y %.3f … %.3f µm",
                    source, grid.xMin() * 1e6, grid.xMax() * 1e6, grid.yMin() * 1e6, grid.yMax() * 1e6,
                    image.offsetXM() * 1e6, (image.offsetXM() + image.widthM()) * 1e6,
                    (image.offsetYM() - image.heightM()) * 1e6, image.offsetYM() * 1e6));
        }
        String definition = String.format(Locale.ROOT, "AlPO4 where %s %s %s (the image laid on the map by stage "
                + "coordinates, nearest pixel); %d of %d map pixels covered", c.name(), above ? ">" : "<",
                withUnit(threshold, c.unit()), inside, grid.pixelCount());
        return new PhaseMap(grid, regions, definition, source);
    }

    /** A threshold as people write it: heights in nm, other values to 4 significant digits. */
    static String withUnit(double value, String unit) {
        boolean metres = "m".equals(unit);
        String digits = String.format(Locale.ROOT, "%.4g", metres ? value * 1e9 : value);
        // 2.000 → 2, 1.500e-03 → 1.5e-03
        digits = digits.replaceAll("(\\.\\d*?)0+(?=e|$)", "$1").replaceAll("\\.(?=e|$)", "");
        if (metres) {
            return digits + " nm";
        }
        return unit == null || unit.isBlank() ? digits : digits + " " + unit;
    }
}
