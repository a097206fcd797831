package org.onset.sweep.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.onset.sweep.api.RecipeProblem;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Checks the shape of a recipe's JSON text before it is turned into a tree: how deep it nests and
 * whether an object repeats a key. Both must be caught on the text: a tree parser keeps only the
 * last of two equal keys (so {@code "nx": 70, "nx": 7} would silently measure 7 columns), and
 * code that walks a tree recursively (the cutoff rule) overflows the stack on a hostile nesting.
 * The walk here is iterative, so no nesting can overflow it.
 */
final class JsonShape {

    /**
     * Deepest nesting of objects and lists accepted. A real recipe nests 4–6 levels (a cutoff rule
     * of a few combined rules); 40 lets the cutoff rule's own limit (16 levels, checked with a
     * clearer message) be the one a scientist meets.
     */
    static final int MAX_DEPTH = 40;

    private JsonShape() {
    }

    /** One level being read: an object (with the keys seen so far) or a list (with its next index). */
    private static final class Level {
        final boolean object;
        final String path;
        final Set<String> keys = new HashSet<>();
        String key;
        int index;

        Level(boolean object, String path) {
            this.object = object;
            this.path = path;
        }

        /** The path of the value being read at this level. */
        String child() {
            if (object) {
                return path.isEmpty() ? key : path + "." + key;
            }
            return path + "[" + index + "]";
        }
    }

    /**
     * Problems of shape, empty when the text nests within {@link #MAX_DEPTH} and repeats no key.
     * Text that is not JSON at all gives no problem here: the parser's message says more.
     */
    static List<RecipeProblem> check(String json) {
        Problems problems = new Problems();
        Deque<Level> levels = new ArrayDeque<>();
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            while (true) {
                JsonToken token = reader.peek();
                if (token == JsonToken.END_DOCUMENT) {
                    break;
                }
                Level here = levels.peek();
                switch (token) {
                case BEGIN_OBJECT, BEGIN_ARRAY -> {
                    String path = here == null ? "" : here.child();
                    if (levels.size() >= MAX_DEPTH) {
                        problems.add(path, "nests deeper than " + MAX_DEPTH
                                + " levels of objects and lists; a recipe never needs that many");
                        return problems.list();
                    }
                    if (token == JsonToken.BEGIN_OBJECT) {
                        reader.beginObject();
                    } else {
                        reader.beginArray();
                    }
                    levels.push(new Level(token == JsonToken.BEGIN_OBJECT, path));
                }
                case END_OBJECT, END_ARRAY -> {
                    if (token == JsonToken.END_OBJECT) {
                        reader.endObject();
                    } else {
                        reader.endArray();
                    }
                    levels.pop();
                    advance(levels.peek());
                }
                case NAME -> {
                    here.key = reader.nextName();
                    if (!here.keys.add(here.key)) {
                        problems.add(here.child(), "appears twice in the same object; keep one (JSON"
                                + " readers disagree on which one counts)");
                    }
                }
                default -> {
                    reader.skipValue();
                    advance(here);
                }
                }
            }
        } catch (IOException | IllegalStateException | NumberFormatException notJson) {
            // not JSON: JsonRecipeCodec reports the parser's own message
        }
        return problems.list();
    }

    private static void advance(Level level) {
        if (level != null && !level.object) {
            level.index++;
        }
    }
}
