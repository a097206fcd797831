package org.onset.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What every axis of every exported figure relies on, for any range a measurement can produce
 * (femtoamperes to kilovolts, reversed, straddling zero): ticks ascend inside the range, there are
 * a few of them, and no two ticks of one axis carry the same label (the failure a lab sees as an
 * axis reading "1.0 1.0 1.0").
 */
class TicksProperties {

    @Property(tries = 3000, seed = "20261206")
    void linearTicksAscendInsideTheRangeWithDistinctLabels(@ForAll("values") double a, @ForAll("values") double b,
            @ForAll @IntRange(min = 2, max = 12) int wanted, @ForAll("units") String unit) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        // a range narrower than a millionth of its magnitude is noise to an axis, not data
        Assume.that(hi - lo > 1e-6 * Math.max(Math.abs(lo), Math.abs(hi)));
        Ticks t = Ticks.of(a, b, wanted, unit);
        List<Double> v = t.values();
        assertTrue(v.size() >= 1 && v.size() <= 3 * wanted + 3, v.size() + " ticks for " + wanted + " wanted: " + t);
        double slack = 1e-9 * (hi - lo);
        for (int i = 0; i < v.size(); i++) {
            assertTrue(v.get(i) >= lo - slack && v.get(i) <= hi + slack, v.get(i) + " outside [" + lo + ", " + hi + "]");
            if (i > 0) {
                assertTrue(v.get(i) > v.get(i - 1), "not ascending: " + v);
            }
        }
        assertEquals(v.size(), t.labels().size());
        assertEquals(t.labels().size(), new HashSet<>(t.labels()).size(), "repeated labels " + t.labels() + " for " + t);
    }

    @Property(tries = 2000, seed = "20261207")
    void logTicksArePositiveAscendingWithDistinctLabels(@ForAll("positives") double a, @ForAll("positives") double b) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        Assume.that(hi > lo * (1 + 1e-6));
        Ticks t = Ticks.log(a, b, "A");
        List<Double> v = t.values();
        assertTrue(v.size() >= 1 && v.size() <= 30, v.size() + " ticks: " + t);
        for (int i = 0; i < v.size(); i++) {
            assertTrue(v.get(i) > 0, "a log tick at " + v.get(i));
            assertTrue(v.get(i) >= lo * (1 - 1e-9) - 1e-9 * (hi - lo) && v.get(i) <= hi * (1 + 1e-9) + 1e-9 * (hi - lo),
                    v.get(i) + " outside [" + lo + ", " + hi + "]");
            if (i > 0) {
                assertTrue(v.get(i) > v.get(i - 1), "not ascending: " + v);
            }
        }
        assertEquals(t.labels().size(), new HashSet<>(t.labels()).size(), "repeated labels " + t.labels());
    }

    /** Magnitudes a lab's data can have in SI base units: 1e-18 (aA) to 1e9, either sign, and zero. */
    @Provide
    Arbitrary<Double> values() {
        Arbitrary<Double> magnitude = Arbitraries.doubles().between(-18, 9).map(e -> Math.pow(10, e));
        Arbitrary<Double> mantissa = Arbitraries.doubles().between(-9.99, 9.99);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, net.jqwik.api.Combinators.combine(mantissa, magnitude).as((m, e) -> m * e)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)));
    }

    @Provide
    Arbitrary<Double> positives() {
        return Arbitraries.doubles().between(-15, 6).map(e -> Math.pow(10, e));
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("m", "A", "V", "", "%", "°C", "s");
    }
}
