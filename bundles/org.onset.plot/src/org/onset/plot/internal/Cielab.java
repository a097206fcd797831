package org.onset.plot.internal;

/**
 * sRGB ↔ CIE L*a*b* (D65 white) for building and checking colour maps: perceptual order is a
 * statement about L*, so the tables are made and tested in that space.
 */
public final class Cielab {

    private static final double XN = 0.95047;
    private static final double YN = 1.0;
    private static final double ZN = 1.08883;

    private Cielab() {
    }

    /** L*, a*, b* of a packed 0xRRGGBB colour. */
    public static double[] fromRgb(int rgb) {
        double r = linear(((rgb >> 16) & 0xFF) / 255.0);
        double g = linear(((rgb >> 8) & 0xFF) / 255.0);
        double b = linear((rgb & 0xFF) / 255.0);
        double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
        double fx = f(x / XN);
        double fy = f(y / YN);
        double fz = f(z / ZN);
        return new double[] { 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz) };
    }

    /** Lightness L* (0 black … 100 white) of a packed 0xRRGGBB colour. */
    public static double lightness(int rgb) {
        return fromRgb(rgb)[0];
    }

    /** The packed 0xRRGGBB colour nearest to L*, a*, b* (out-of-gamut channels are clipped). */
    public static int toRgb(double l, double a, double bb) {
        double fy = (l + 16) / 116;
        double fx = fy + a / 500;
        double fz = fy - bb / 200;
        double x = XN * finv(fx);
        double y = YN * finv(fy);
        double z = ZN * finv(fz);
        double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        return channel(r) << 16 | channel(g) << 8 | channel(b);
    }

    private static int channel(double linear) {
        double c = Math.max(0, Math.min(1, linear));
        double s = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
        return (int) Math.round(s * 255);
    }

    private static double linear(double s) {
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static double finv(double t) {
        return t * t * t > 216.0 / 24389 ? t * t * t : (116 * t - 16) / (24389.0 / 27);
    }
}
