package org.onset.instrument.scpi.internal;

import java.io.IOException;

/** The instrument answered, but not with what the query asks for (garbage, a wrong count, an error). */
final class ScpiReplyException extends IOException {
    private static final long serialVersionUID = 1L;

    ScpiReplyException(String command, String reply, String why) {
        super("unreadable reply to '" + command + "': '" + shorten(reply) + "' (" + why + ")");
    }

    static String shorten(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 60) + "…";
    }
}
