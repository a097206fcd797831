package org.onset.ui.analysis.internal;

import java.nio.file.Path;
import java.util.Locale;

import org.onset.io.api.Image;
import org.onset.io.api.SpectrumMap;
import org.onset.plot.Axis;
import org.onset.plot.ColorLimits;
import org.onset.plot.ColorMap;
import org.onset.plot.MapOverlay;
import org.onset.plot.Range;
import org.onset.spectra.RamanBands;

/**
 * A Raman band map as a layer of the correlative overlay: the band integral of every spectrum
 * (org.onset.spectra's {@link RamanBands}, linear baseline under the band) on the map's own grid,
 * placed by the stage positions the file gives each spectrum (m, the frame the onset map's grid and
 * the topography are in). Rows are turned so that row 0 is the smallest y and columns so that x grows,
 * whatever order the instrument scanned in.
 *
 * @param file    the Raman map file
 * @param lo      band start (the map's x unit, cm⁻¹ for Raman shift)
 * @param hi      band end
 * @param nx      columns
 * @param ny      rows
 * @param values  band integrals, x fastest, row 0 at y0 (the bottom)
 * @param x0      left edge of the first column, m
 * @param x1      right edge of the last column, m
 * @param y0      bottom edge of the bottom row, m
 * @param y1      top edge of the top row, m
 * @param xUnit   unit of the spectra's x axis as the file has it ("cm^-1")
 * @param yUnit   unit of the intensities ("counts")
 */
public record RamanLayer(Path file, double lo, double hi, int nx, int ny, double[] values, double x0, double x1,
        double y0, double y1, String xUnit, String yUnit) {

    /** Band integral of every spectrum, placed by the map's stage positions. */
    public static RamanLayer of(Path file, SpectrumMap map, double lo, double hi) {
        Image placed;
        try {
            placed = RamanBands.stageImage(map, lo, hi);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
        }
        double left = placed.offsetXM();
        double top = placed.offsetYM();
        return new RamanLayer(file, lo, hi, placed.nx(), placed.ny(), ImageLayer.bottomRowFirst(placed, 0), left,
                left + placed.widthM(), top - placed.heightM(), top, map.x().unit(), map.yUnit());
    }

    /** The x unit as people write it. */
    public String xUnitShown() {
        return xUnit.replace("^-1", "⁻¹").replace("^2", "²");
    }

    /** Name of the band with its range, e.g. "Raman band 2700–3000 cm⁻¹". */
    public String bandName() {
        return String.format(Locale.ROOT, "Raman band %.0f–%.0f %s", lo, hi, xUnitShown());
    }

    /**
     * The layer over a map, with its own colour map (magma, so it is told apart from the onset's
     * viridis), colours over the 2–98 % of its values, and opacity. The colour bar names the band and
     * the integral's unit (intensity unit × x unit); the numbers themselves carry no SI prefix, which
     * would read wrongly on a compound unit.
     */
    public MapOverlay overlay(double opacity) {
        Range range = colourRange();
        return MapOverlay.continuous(bandName(), nx, ny, values, x0, x1, y0, y1,
                Axis.of(bandName() + " integral, " + yUnit + "·" + xUnitShown(), ""), ColorMap.MAGMA, range,
                opacity);
    }

    /** 2–98 % of the values (a small range around a constant map). */
    public Range colourRange() {
        return ColorLimits.percentiles2to98().of(values);
    }

    /** Values are copied out: a record's array would otherwise be shared. */
    @Override
    public double[] values() {
        return values.clone();
    }
}
