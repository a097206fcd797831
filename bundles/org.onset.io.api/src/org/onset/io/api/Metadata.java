package org.onset.io.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Typed key/values of a file, in the order the importer found them. The well-known keys below are
 * filled by every importer that can; the others keep the file's own names.
 *
 * @param entries key to value
 */
public record Metadata(Map<String, Value> entries) {

    /** Microwave frequency in GHz (EPR). */
    public static final String MICROWAVE_FREQUENCY_GHZ = "microwave_frequency_GHz";
    /** Excitation laser wavelength in nm (Raman). */
    public static final String LASER_WAVELENGTH_NM = "laser_wavelength_nm";
    /** Title of the measurement as the file names it. */
    public static final String TITLE = "title";

    public Metadata {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Optional<Value> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The number stored under the key, if it is one. */
    public Optional<Double> number(String key) {
        return get(key).filter(Number.class::isInstance).map(v -> ((Number) v).value());
    }

    /** A typed value. */
    public sealed interface Value permits Text, Number, Flag {
    }

    /** Text as the file holds it. */
    public record Text(String value) implements Value {
    }

    /** A number with its unit ("" when dimensionless). */
    public record Number(double value, String unit) implements Value {
    }

    /** A yes/no value. */
    public record Flag(boolean value) implements Value {
    }

    /** Collects entries in order; later puts of a key replace earlier ones. */
    public static final class Builder {
        private final Map<String, Value> entries = new LinkedHashMap<>();

        public Builder text(String key, String value) {
            entries.put(key, new Text(value));
            return this;
        }

        public Builder number(String key, double value, String unit) {
            entries.put(key, new Number(value, unit));
            return this;
        }

        public Builder flag(String key, boolean value) {
            entries.put(key, new Flag(value));
            return this;
        }

        public Metadata build() {
            return new Metadata(entries);
        }
    }
}
