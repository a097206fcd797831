package org.onset.io.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Text helpers: Latin-1 decoding (every byte is a character, so no decoding errors) and lines. */
public final class Texts {

    private Texts() {
    }

    public static String latin1(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    /** Lines split at \n, \r\n or \r, without terminators. */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** Whether the bytes look like text: no NULs and few control characters in the first {@code n}. */
    public static boolean looksLikeText(byte[] head) {
        int bad = 0;
        for (byte b : head) {
            int c = b & 0xFF;
            if (c == 0) {
                return false;
            }
            if (c < 9 || c > 13 && c < 32) {
                bad++;
            }
        }
        return bad * 100 <= head.length;
    }

    /** Parses a double or returns NaN (for tolerant text readers that then decide). */
    public static double parseOrNaN(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
