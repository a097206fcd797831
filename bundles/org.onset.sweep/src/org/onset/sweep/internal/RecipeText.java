package org.onset.sweep.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.onset.sweep.api.InvalidRecipeException;
import org.onset.sweep.api.RecipeProblem;

/**
 * Recipe files are UTF-8 (JSON's own rule, RFC 8259). A file saved as Latin-1 or UTF-16 by an
 * editor must get a message that says so, not the decoder's "Input length = 1", and must never be
 * read with replacement characters (a µ turned into '?' in a name is harmless, a digit is not).
 */
final class RecipeText {

    private RecipeText() {
    }

    static String decode(byte[] bytes, String source) throws InvalidRecipeException {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw refused(source, "is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8");
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB
                && bytes[2] == (byte) 0xBF ? 3 : 0; // a UTF-8 byte-order mark is harmless
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return utf8.decode(in).toString();
        } catch (MalformedInputException e) {
            int at = in.position();
            String hint = zeroBytes(bytes) ? " (it holds zero bytes: UTF-16 without a byte-order mark?)"
                    : " (Latin-1 or Windows-1252?)";
            throw refused(source, "is not UTF-8 text: byte " + at + " (0x"
                    + String.format("%02X", bytes[Math.min(at, bytes.length - 1)] & 0xFF) + ") is not valid UTF-8"
                    + hint + "; save the recipe as UTF-8");
        } catch (CharacterCodingException e) {
            throw refused(source, "is not UTF-8 text; save the recipe as UTF-8");
        }
    }

    private static boolean zeroBytes(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static InvalidRecipeException refused(String source, String why) {
        return new InvalidRecipeException(source, List.of(new RecipeProblem("", why)));
    }
}
