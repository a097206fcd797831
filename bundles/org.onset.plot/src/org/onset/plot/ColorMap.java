package org.onset.plot;

import java.util.List;
import java.util.Locale;

import org.onset.plot.internal.ColorTables;

/**
 * A colour map: a value fraction in [0, 1] → packed {@code 0xRRGGBB}. The sequential maps (viridis,
 * magma, cividis, grey) rise monotonically in lightness, so they read correctly in grey print and for
 * colour-blind readers; {@link #COOLWARM} is diverging (blue → near-white → red, equal lightness at
 * both ends) for signed quantities centred on 0.
 */
public final class ColorMap {

    /** Dark blue → green → yellow (matplotlib's default since 2.0). */
    public static final ColorMap VIRIDIS = new ColorMap("viridis", false, ColorTables.VIRIDIS, ColorTables.LIGHT_GREY);
    /** Black → purple → orange → pale yellow. */
    public static final ColorMap MAGMA = new ColorMap("magma", false, ColorTables.MAGMA, ColorTables.LIGHT_GREY);
    /** Navy → grey → yellow, designed to look alike under red–green colour blindness. */
    public static final ColorMap CIVIDIS = new ColorMap("cividis", false, ColorTables.CIVIDIS, ColorTables.LIGHT_GREY);
    /** Blue → light grey → red, built in CIELAB so both halves change lightness at the same rate. */
    public static final ColorMap COOLWARM = new ColorMap("coolwarm", true, ColorTables.coolwarm(), ColorTables.DARK_GREY);
    /** Black → white, linear in lightness L*. */
    public static final ColorMap GREY = new ColorMap("grey", false, ColorTables.grey(), ColorTables.ORANGE);

    private static final List<ColorMap> ALL = List.of(VIRIDIS, MAGMA, CIVIDIS, COOLWARM, GREY);

    private final String name;
    private final boolean diverging;
    private final int[] anchors;
    private final int noValue;

    private ColorMap(String name, boolean diverging, int[] anchors, int noValue) {
        this.name = name;
        this.diverging = diverging;
        this.anchors = anchors;
        this.noValue = noValue;
    }

    /** Every colour map, in a fixed order. */
    public static List<ColorMap> all() {
        return ALL;
    }

    /** Names accepted by {@link #named(String)}. */
    public static List<String> names() {
        return ALL.stream().map(ColorMap::name).toList();
    }

    /**
     * The map of that name (case-insensitive; "gray" and "diverging" are accepted for grey and
     * coolwarm).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static ColorMap named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
        case "gray":
            return GREY;
        case "diverging":
            return COOLWARM;
        default:
            for (ColorMap m : ALL) {
                if (m.name.equals(n)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("no colour map '" + name + "'; known: " + String.join(", ", names()));
        }
    }

    public String name() {
        return name;
    }

    /** True for maps meant for signed data with the neutral colour at the middle. */
    public boolean isDiverging() {
        return diverging;
    }

    /**
     * A colour for cells without a value that no value on this map can be mistaken for: light grey
     * beside the sequential colour maps, dark grey beside coolwarm's light middle, orange beside grey.
     */
    public int noValueRgb() {
        return noValue;
    }

    /**
     * Colour of {@code fraction} (0 = low end, 1 = high end; outside values are clamped, NaN is
     * refused because it has no place on the map — figures give it their own colour).
     */
    public int rgb(double fraction) {
        if (Double.isNaN(fraction)) {
            throw new IllegalArgumentException("NaN has no colour on a colour map");
        }
        double c = Math.max(0, Math.min(1, fraction)) * (anchors.length - 1);
        int k = Math.min((int) c, anchors.length - 2);
        double w = c - k;
        int a = anchors[k];
        int b = anchors[k + 1];
        return mix(a >> 16, b >> 16, w) << 16 | mix(a >> 8, b >> 8, w) << 8 | mix(a, b, w);
    }

    /** Colour of {@code value} with {@code limits.lo()} at the low end and {@code limits.hi()} at the high end. */
    public int rgb(double value, Range limits) {
        return rgb(limits.fraction(value));
    }

    /** {@code n ≥ 2} colours evenly spaced from the low end to the high end (a palette for a widget). */
    public int[] table(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("a table needs at least 2 colours, not " + n);
        }
        int[] t = new int[n];
        for (int k = 0; k < n; k++) {
            t[k] = rgb((double) k / (n - 1));
        }
        return t;
    }

    private static int mix(int a, int b, double w) {
        return (int) Math.round((a & 0xFF) * (1 - w) + (b & 0xFF) * w);
    }

    @Override
    public String toString() {
        return name;
    }
}
