package org.onset.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class TicksTest {

    @Test
    void metresGetMicrometresOrNanometres() {
        Ticks t = Ticks.of(0, 1.4e-6, 5, "m");
        assertEquals("µm", t.unitLabel());
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2", "1.4"), t.labels());
        assertEquals(2e-7, t.step(), 1e-20);
        assertEquals(1.4e-6, t.values().get(7), 0);
        assertEquals("x (µm)", t.title("x"));

        Ticks nm = Ticks.of(0, 1.4e-6, 5, "m", -9);
        assertEquals("nm", nm.unitLabel());
        assertEquals(List.of("0", "200", "400", "600", "800", "1000", "1200", "1400"), nm.labels());

        Ticks small = Ticks.of(-3e-9, 4.6e-9, 5, "m");
        assertEquals("nm", small.unitLabel());
        assertEquals(List.of("-2", "0", "2", "4"), small.labels());
    }

    @Test
    void negativeCurrentsArePicoamperes() {
        Ticks t = Ticks.of(-52e-12, 3e-12, 6, "A");
        assertEquals("pA", t.unitLabel());
        assertEquals(List.of("-50", "-40", "-30", "-20", "-10", "0"), t.labels());
        assertEquals("current (pA)", t.title("current"));
    }

    @Test
    void voltsStayVoltsWithOneDecimal() {
        Ticks t = Ticks.of(-4.2, 0, 6, "V");
        assertEquals("V", t.unitLabel());
        assertEquals(List.of("-4.0", "-3.5", "-3.0", "-2.5", "-2.0", "-1.5", "-1.0", "-0.5", "0.0"), t.labels());
        assertEquals(List.of("-4.0", "-3.8", "-3.6", "-3.4", "-3.2", "-3.0"), Ticks.of(-4, -3, 5, "V").labels());
        assertEquals("mV", Ticks.of(-0.04, 0.01, 5, "V").unitLabel());
    }

    @Test
    void labelsHaveNoFloatNoise() {
        // 3 × 0.1 is 0.30000000000000004 in binary floating point
        Ticks t = Ticks.of(0.3, -0.1, 4, "");
        assertEquals(List.of("-0.1", "0.0", "0.1", "0.2", "0.3"), t.labels());
        assertEquals(0.3, t.values().get(4), 0);
        assertEquals("", t.unitLabel());
        assertEquals("y", t.title("y"));
    }

    @Test
    void tinyRangesOnALargeValue() {
        Ticks t = Ticks.of(1.0000001, 1.0000005, 4, "");
        assertEquals(List.of("1.0000001", "1.0000002", "1.0000003", "1.0000004", "1.0000005"), t.labels());
        Ticks pico = Ticks.of(1e-13, 3e-13, 4, "");
        assertEquals("×10⁻¹⁵", pico.unitLabel());
        assertEquals(List.of("100", "150", "200", "250", "300"), pico.labels());
    }

    @Test
    void roundStepsAndOldExpectations() {
        assertEquals(List.of(400.0, 600.0, 800.0, 1000.0, 1200.0, 1400.0, 1600.0), Ticks.of(290, 1690, 6, "").values());
        assertEquals(0.2, Ticks.step(0, 1, 5), 0);
        assertEquals(0.5, Ticks.step(-4.2, 0, 6), 0);
        assertEquals(1e-11, Ticks.step(-52e-12, 3e-12, 6), 0);
        assertEquals(1, Ticks.step(2, 2, 5), 0);
        assertEquals(List.of("0.0", "0.5", "1.0", "1.5", "2.0", "2.5"), Ticks.of(0, 2.5e9, 5, "Hz").labels());
        assertEquals("GHz", Ticks.of(0, 2.5e9, 5, "Hz").unitLabel());
    }

    @Test
    void aSingleValueIsWidened() {
        Ticks t = Ticks.of(5, 5, 4, "V");
        assertEquals(List.of("4.96", "4.98", "5.00", "5.02", "5.04"), t.labels());
        Ticks zero = Ticks.of(0, 0, 4, "A");
        assertEquals(List.of("-1.0", "-0.5", "0.0", "0.5", "1.0"), zero.labels());
    }

    @Test
    void percentAndDegreesAreNotPrefixed() {
        assertEquals("%", Ticks.of(0, 0.004, 4, "%").unitLabel());
        assertEquals("°C", Ticks.of(1000, 3000, 4, "°C").unitLabel());
    }

    @Test
    void prefixesAndReadout() {
        assertEquals("µ", Ticks.prefix(-6));
        assertEquals("n", Ticks.prefix(-9));
        assertEquals("p", Ticks.prefix(-12));
        assertEquals("k", Ticks.prefix(3));
        assertEquals("", Ticks.prefix(0));
        assertThrows(IllegalArgumentException.class, () -> Ticks.prefix(-7));
        assertEquals("-37.3", Ticks.of(-52e-12, 3e-12, 6, "A").label(-37.34e-12));
        assertThrows(IllegalArgumentException.class, () -> Ticks.of(Double.NaN, 1, 5, "m"));
    }

    @Test
    void logTicksArePowersOfTenWithTheUnitOnTheTitle() {
        Ticks t = Ticks.log(0.3e-12, 2e-9, "A");
        assertEquals(List.of("10⁻¹²", "10⁻¹¹", "10⁻¹⁰", "10⁻⁹"), t.labels());
        assertEquals(1e-12, t.values().get(0), 1e-27);
        assertEquals(1e-9, t.values().get(3), 1e-24);
        assertEquals("|current| (A)", t.title("|current|"));
        assertEquals("3.14E-11", t.label(3.14159e-11));
    }

    @Test
    void logTicksInsideOneDecadeAddTwoAndFive() {
        Ticks t = Ticks.log(1.5, 9, "s");
        assertEquals(List.of("2×10⁰", "5×10⁰"), t.labels());
        Ticks wide = Ticks.log(1e-15, 1e5, "");
        assertEquals("10⁻¹⁵", wide.labels().get(0));
        assertEquals(true, wide.values().size() <= 11, "at most about 8–11 labels on 20 decades: " + wide.labels());
        assertThrows(IllegalArgumentException.class, () -> Ticks.log(-1, 10, "A"));
    }
}
