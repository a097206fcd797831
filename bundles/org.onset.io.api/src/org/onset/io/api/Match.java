package org.onset.io.api;

/**
 * How well an importer matches a file: {@link #CONTENT} when the content identifies the format
 * (magic number, header keys), {@link #EXTENSION} when only the name fits, {@link #NONE} otherwise.
 *
 * @param strength NONE, EXTENSION or CONTENT (higher wins)
 * @param reason   what matched, e.g. "magic 'WDF1'"; shown to the user
 */
public record Match(int strength, String reason) {

    public static final int NONE = 0;
    public static final int EXTENSION = 1;
    public static final int CONTENT = 2;

    public static Match none() {
        return new Match(NONE, "no match");
    }

    public static Match content(String reason) {
        return new Match(CONTENT, reason);
    }

    public static Match extension(String extension) {
        return new Match(EXTENSION, "extension ." + extension + " only");
    }

    public boolean matches() {
        return strength > NONE;
    }
}
