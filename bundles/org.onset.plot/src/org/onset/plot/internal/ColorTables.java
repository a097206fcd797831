package org.onset.plot.internal;

/**
 * Anchor colours of the colour maps. Viridis, magma and cividis are sampled at ten evenly spaced
 * points of the published maps (van der Walt &amp; Smith's viridis and magma, Nuñez et al.'s cividis,
 * as tabulated for R's viridisLite); between anchors {@link org.onset.plot.ColorMap} interpolates in
 * sRGB, which stays within about one just-noticeable difference of the full tables at this spacing.
 * Coolwarm and grey are computed in CIELAB here rather than tabulated.
 */
public final class ColorTables {

    public static final int[] VIRIDIS = { 0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779,
            0x6DCD59, 0xB4DE2C, 0xFDE725 };

    public static final int[] MAGMA = { 0x000004, 0x180F3E, 0x451077, 0x721F81, 0x9F2F7F, 0xCD4071, 0xF1605D,
            0xFD9567, 0xFEC98D, 0xFCFDBF };

    public static final int[] CIVIDIS = { 0x00204D, 0x00336F, 0x39486B, 0x575C6D, 0x707173, 0x8A8779, 0xA69D75,
            0xC4B56C, 0xE4CF5B, 0xFFEA46 };

    /** Colours for "no value" beside the maps (see {@link org.onset.plot.ColorMap#noValueRgb()}). */
    public static final int LIGHT_GREY = 0xD9D9D9;
    public static final int DARK_GREY = 0x303030;
    public static final int ORANGE = 0xE69F00;

    /** Moreland's cool–warm end points (equal L*) and his light neutral midpoint. */
    static final int COOL = 0x3B4CC0;
    static final int NEUTRAL = 0xDDDDDD;
    static final int WARM = 0xB40426;

    private static final int STEPS = 64;

    private ColorTables() {
    }

    /**
     * Blue → neutral → red on straight lines in CIELAB: each half keeps its hue and changes lightness and
     * chroma linearly, and the two ends have the same lightness, so +x and −x look equally strong.
     */
    public static int[] coolwarm() {
        double[] c = Cielab.fromRgb(COOL);
        double[] n = Cielab.fromRgb(NEUTRAL);
        double[] w = Cielab.fromRgb(WARM);
        int[] t = new int[2 * STEPS + 1];
        for (int k = 0; k <= STEPS; k++) {
            double f = (double) k / STEPS;
            t[k] = lab(c, n, f);
            t[2 * STEPS - k] = lab(w, n, f);
        }
        return t;
    }

    /** Black → white with L* rising linearly (sRGB grey steps are not evenly spaced to the eye). */
    public static int[] grey() {
        int[] t = new int[STEPS + 1];
        for (int k = 0; k <= STEPS; k++) {
            t[k] = Cielab.toRgb(100.0 * k / STEPS, 0, 0);
        }
        return t;
    }

    private static int lab(double[] a, double[] b, double f) {
        return Cielab.toRgb(a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2]));
    }
}
