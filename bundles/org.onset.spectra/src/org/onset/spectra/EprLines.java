package org.onset.spectra;

import org.onset.io.api.Spectrum;

/**
 * Analysis of a first-derivative CW EPR line: where it crosses zero between its positive and
 * negative peaks (the line centre) and the g-factor there, the peak-to-peak width, and the double
 * integral (proportional to the number of spins).
 */
public final class EprLines {

    /** g = h·ν/(μB·B) = 71.4477 · ν[GHz] / B[mT]. */
    public static final double G_PER_GHZ_PER_MT = 71.4477;

    private EprLines() {
    }

    /**
     * What was found.
     *
     * @param zeroCrossing  field of the zero crossing between the extrema, in the x unit (linear
     *                      interpolation)
     * @param peakToPeak    |x(max) − x(min)|, in the x unit
     * @param maxAt         x of the maximum
     * @param minAt         x of the minimum
     */
    public record Line(double zeroCrossing, double peakToPeak, double maxAt, double minAt) {
    }

    public static Line line(Spectrum s) {
        double[] x = s.x().values();
        double[] y = s.y().values();
        int max = -1;
        int min = -1;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                continue;
            }
            if (max < 0 || y[i] > y[max]) {
                max = i;
            }
            if (min < 0 || y[i] < y[min]) {
                min = i;
            }
        }
        if (max < 0 || max == min) {
            throw new IllegalArgumentException("a flat spectrum has no EPR line");
        }
        int from = Math.min(max, min);
        int to = Math.max(max, min);
        double crossing = Double.NaN;
        for (int i = from; i < to; i++) {
            if (y[i] == 0) {
                crossing = x[i];
                break;
            }
            if (Math.signum(y[i]) != Math.signum(y[i + 1])) {
                crossing = x[i] + (x[i + 1] - x[i]) * y[i] / (y[i] - y[i + 1]);
                break;
            }
        }
        if (Double.isNaN(crossing)) {
            throw new IllegalArgumentException("the signal does not cross zero between its extrema: "
                    + "not a first-derivative line (subtract a baseline first)");
        }
        return new Line(crossing, Math.abs(x[max] - x[min]), x[max], x[min]);
    }

    /** g at a field in G, mT or T for a microwave frequency in GHz. */
    public static double g(double field, String unit, double frequencyGHz) {
        double mT = switch (unit) {
            case "G" -> field / 10;
            case "mT" -> field;
            case "T" -> field * 1000;
            default -> throw new IllegalArgumentException("g needs a field in G, mT or T, not '" + unit + "'");
        };
        if (!(frequencyGHz > 0)) {
            throw new IllegalArgumentException("g needs the microwave frequency");
        }
        return G_PER_GHZ_PER_MT * frequencyGHz / mT;
    }

    /**
     * Double integral: the running trapezoid integral of the derivative signal (the absorption line),
     * integrated again; in y unit × x unit². Taken in ascending x; subtract a baseline first, as any
     * offset grows quadratically here.
     */
    public static double doubleIntegral(Spectrum s) {
        double[] x = s.x().values();
        double[] y = s.y().values();
        int[] order = Spectra.ascending(x, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        double absorption = 0;
        double previousAbsorption = 0;
        double total = 0;
        for (int k = 1; k < order.length; k++) {
            int i = order[k - 1];
            int j = order[k];
            double dx = x[j] - x[i];
            absorption += 0.5 * (y[i] + y[j]) * dx;
            total += 0.5 * (previousAbsorption + absorption) * dx;
            previousAbsorption = absorption;
        }
        return total;
    }
}
