package org.onset.io.raman.internal;

/** Quantities and units of spectral axes, from the codes the formats use. */
final class Units {

    private Units() {
    }

    /** A quantity and its unit. */
    record QU(String quantity, String unit) {
    }

    /** WiRE's unit codes (XLST / ORGN). */
    static QU wire(int code) {
        return switch (code) {
            case 1 -> new QU("Raman shift", "cm^-1");
            case 2 -> new QU("wavenumber", "cm^-1");
            case 3 -> new QU("wavelength", "nm");
            case 4 -> new QU("energy", "eV");
            case 5 -> new QU("length", "µm");
            case 6 -> new QU("intensity", "counts");
            case 7 -> new QU("intensity", "electrons");
            case 8 -> new QU("length", "mm");
            case 9 -> new QU("length", "m");
            case 10 -> new QU("temperature", "K");
            case 11 -> new QU("pressure", "Pa");
            case 12 -> new QU("time", "s");
            default -> new QU("index", "");
        };
    }

    /** Galactic fxtype. */
    static QU spcX(int code) {
        return switch (code) {
            case 1 -> new QU("wavenumber", "cm^-1");
            case 2 -> new QU("wavelength", "µm");
            case 3 -> new QU("wavelength", "nm");
            case 4 -> new QU("time", "s");
            case 5 -> new QU("time", "min");
            case 6 -> new QU("frequency", "Hz");
            case 7 -> new QU("frequency", "kHz");
            case 8 -> new QU("frequency", "MHz");
            case 9 -> new QU("mass/charge", "m/z");
            case 10 -> new QU("chemical shift", "ppm");
            case 11 -> new QU("time", "d");
            case 12 -> new QU("time", "a");
            case 13 -> new QU("Raman shift", "cm^-1");
            case 14 -> new QU("energy", "eV");
            case 16 -> new QU("diode number", "");
            case 17 -> new QU("channel", "");
            case 18 -> new QU("angle", "°");
            case 19 -> new QU("temperature", "°C");
            case 20 -> new QU("temperature", "°F");
            case 21 -> new QU("temperature", "K");
            case 22 -> new QU("data points", "");
            case 23 -> new QU("time", "ms");
            case 24 -> new QU("time", "µs");
            case 25 -> new QU("time", "ns");
            case 26 -> new QU("frequency", "GHz");
            case 27 -> new QU("length", "cm");
            case 28 -> new QU("length", "m");
            case 29 -> new QU("length", "mm");
            case 30 -> new QU("time", "h");
            default -> new QU("x", "");
        };
    }

    /** Galactic fytype. */
    static QU spcY(int code) {
        return switch (code) {
            case 1 -> new QU("interferogram", "a.u.");
            case 2 -> new QU("absorbance", "");
            case 3 -> new QU("Kubelka-Munk", "");
            case 4 -> new QU("intensity", "counts");
            case 5 -> new QU("voltage", "V");
            case 6 -> new QU("angle", "°");
            case 7 -> new QU("current", "mA");
            case 8 -> new QU("length", "mm");
            case 9 -> new QU("voltage", "mV");
            case 10 -> new QU("log(1/R)", "");
            case 11 -> new QU("percent", "%");
            case 12 -> new QU("intensity", "a.u.");
            case 128 -> new QU("transmission", "");
            case 129 -> new QU("reflectance", "");
            case 131 -> new QU("emission", "a.u.");
            default -> new QU("intensity", "a.u.");
        };
    }

    /** A unit written in a text file (JCAMP ##XUNITS, WITec's unit row) as quantity and unit. */
    static QU fromText(String text) {
        String t = text == null ? "" : text.strip();
        String l = t.toLowerCase();
        if (l.contains("rel") && l.contains("1/cm") || l.contains("raman")) {
            return new QU("Raman shift", "cm^-1");
        }
        if (l.equals("1/cm") || l.equals("cm-1") || l.equals("cm^-1") || l.equals("cm-1 ") || l.equals("wavenumbers")) {
            return new QU("wavenumber", "cm^-1");
        }
        if (l.equals("nm") || l.equals("nanometers")) {
            return new QU("wavelength", "nm");
        }
        if (l.equals("hz")) {
            return new QU("frequency", "Hz");
        }
        if (l.equals("ppm")) {
            return new QU("chemical shift", "ppm");
        }
        if (l.equals("ev")) {
            return new QU("energy", "eV");
        }
        return new QU(t.isEmpty() ? "x" : "x", t);
    }
}
