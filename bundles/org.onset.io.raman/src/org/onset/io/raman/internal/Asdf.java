package org.onset.io.raman.internal;

import org.onset.io.api.ImportException;

/**
 * Decodes the lines of an {@code (X++(Y..Y))} table in any ASDF form. Each line starts with an X
 * value; then Y values as AFFN/PAC numbers, SQZ (first digit as @A-Ia-i), DIF (difference to the
 * previous Y, %J-Rj-r) and DUP (repeat the previous token, S-Zs). After a line that ended in DIF
 * mode, the next line's first Y repeats the last one as a check: compared and dropped.
 */
final class Asdf {

    private final String file;
    private final int limit;
    private double[] y;
    private double[] xOfLine;
    private int n;
    private boolean lastWasDif;
    private int checks;
    private int lineNo;

    Asdf(String file, int limit) {
        this.file = file;
        this.limit = limit;
        this.y = new double[Math.min(limit, 1 << 16)];
        this.xOfLine = new double[y.length];
    }

    int checks() {
        return checks;
    }

    double[] values() {
        return java.util.Arrays.copyOf(y, n);
    }

    double[] lineX() {
        return java.util.Arrays.copyOf(xOfLine, n);
    }

    private enum Kind { PLAIN, SQZ, DIF, DUP }

    void line(String line) throws ImportException {
        lineNo++;
        int i = 0;
        int len = line.length();
        boolean first = true;
        double lineX = Double.NaN;
        boolean checkPending = lastWasDif && n > 0;
        Kind previous = null;
        double previousDiff = 0;
        int lineStart = n;
        while (i < len) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == ',' || c == ';') {
                i++;
                continue;
            }
            Kind kind;
            int sign = 1;
            int lead;
            if (c >= '0' && c <= '9' || c == '.' || c == '+' || c == '-') {
                kind = Kind.PLAIN;
                lead = -1;
            } else if (c == '@') {
                kind = Kind.SQZ;
                lead = 0;
            } else if (c >= 'A' && c <= 'I') {
                kind = Kind.SQZ;
                lead = c - 'A' + 1;
            } else if (c >= 'a' && c <= 'i') {
                kind = Kind.SQZ;
                lead = c - 'a' + 1;
                sign = -1;
            } else if (c == '%') {
                kind = Kind.DIF;
                lead = 0;
            } else if (c >= 'J' && c <= 'R') {
                kind = Kind.DIF;
                lead = c - 'J' + 1;
            } else if (c >= 'j' && c <= 'r') {
                kind = Kind.DIF;
                lead = c - 'j' + 1;
                sign = -1;
            } else if (c >= 'S' && c <= 'Z') {
                kind = Kind.DUP;
                lead = c - 'S' + 1;
            } else if (c == 's') {
                kind = Kind.DUP;
                lead = 9;
            } else if (c == '?') {
                kind = Kind.PLAIN;
                lead = -2;
            } else {
                throw new ImportException(file + ": data line " + lineNo + ": unexpected character '" + c + "'");
            }
            int start = i;
            i++;
            // digits (and for plain numbers a decimal point and an exponent E followed by a sign)
            while (i < len) {
                char d = line.charAt(i);
                if (d >= '0' && d <= '9' || d == '.') {
                    i++;
                } else if (kind == Kind.PLAIN && (d == 'E' || d == 'e') && i + 1 < len
                        && (line.charAt(i + 1) == '+' || line.charAt(i + 1) == '-')) {
                    i += 2;
                } else {
                    break;
                }
            }
            double value;
            if (lead == -2) {
                value = Double.NaN;
            } else if (lead == -1) {
                try {
                    value = integer(line, start, i);
                    if (Double.isNaN(value)) {
                        value = Double.parseDouble(line.substring(start, i));
                    }
                } catch (NumberFormatException e) {
                    throw new ImportException(file + ": data line " + lineNo + ": '" + line.substring(start, i)
                            + "' is not a number");
                }
            } else {
                // the compressed forms are mostly integers: accumulate the digits without making strings
                long whole = lead;
                boolean plain = i - start <= 18;
                for (int k = start + 1; k < i && plain; k++) {
                    char d = line.charAt(k);
                    if (d == '.') {
                        plain = false;
                    } else {
                        whole = whole * 10 + (d - '0');
                    }
                }
                try {
                    value = plain ? whole : Double.parseDouble(lead + line.substring(start + 1, i));
                } catch (NumberFormatException e) {
                    throw new ImportException(file + ": data line " + lineNo + ": '" + line.substring(start, i)
                            + "' is not a number");
                }
                value *= sign;
            }
            if (first) {
                if (kind != Kind.PLAIN) {
                    throw new ImportException(file + ": data line " + lineNo + " does not start with an X value");
                }
                lineX = value;
                first = false;
                continue;
            }
            switch (kind) {
                case PLAIN, SQZ -> {
                    add(value, lineX);
                    previous = kind;
                }
                case DIF -> {
                    if (n == 0) {
                        throw new ImportException(file + ": data line " + lineNo + ": a difference before any value");
                    }
                    add(y[n - 1] + value, lineX);
                    previous = Kind.DIF;
                    previousDiff = value;
                }
                case DUP -> {
                    if (previous == null || value < 1 || value != Math.rint(value)) {
                        throw new ImportException(file + ": data line " + lineNo + ": a repeat count without a value");
                    }
                    if (value > limit) {
                        throw new ImportException(file + ": data line " + lineNo + ": repeat count " + (long) value
                                + " exceeds ##NPOINTS");
                    }
                    for (int k = 1; k < (int) value; k++) {
                        add(previous == Kind.DIF ? y[n - 1] + previousDiff : y[n - 1], lineX);
                    }
                }
            }
            if (checkPending && n == lineStart + 1) {
                // Y check: the first value repeats the previous line's last one
                if (Math.abs(y[n - 1] - y[n - 2]) > 1e-9 * Math.max(1, Math.abs(y[n - 2]))) {
                    throw new ImportException(file + ": data line " + lineNo + ": Y check failed (" + y[n - 1]
                            + " ≠ " + y[n - 2] + "): the DIF data are damaged");
                }
                n--;
                lineStart--;
                checks++;
                checkPending = false;
            }
        }
        lastWasDif = previous == Kind.DIF;
    }

    /** An optionally signed whole number of at most 18 digits, or NaN when the text is anything else. */
    private static double integer(String line, int start, int end) {
        int k = start;
        boolean negative = false;
        if (k < end && (line.charAt(k) == '+' || line.charAt(k) == '-')) {
            negative = line.charAt(k) == '-';
            k++;
        }
        if (k == end || end - k > 18) {
            return Double.NaN;
        }
        long v = 0;
        for (; k < end; k++) {
            char d = line.charAt(k);
            if (d < '0' || d > '9') {
                return Double.NaN;
            }
            v = v * 10 + (d - '0');
        }
        return negative ? -v : v;
    }

    private void add(double v, double lineX) throws ImportException {
        if (n == y.length) {
            if (n >= limit + 1) {
                throw new ImportException(file + ": the data hold more values than ##NPOINTS (" + limit + ")");
            }
            int grown = (int) Math.min((long) limit + 1, 2L * y.length);
            y = java.util.Arrays.copyOf(y, grown);
            xOfLine = java.util.Arrays.copyOf(xOfLine, grown);
        }
        y[n] = v;
        xOfLine[n] = lineX;
        n++;
    }
}
