package org.onset.sweep.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.onset.map.api.Grid;
import org.onset.sweep.api.PixelOrder;

class PixelPlanTest {
    private final Grid grid = new Grid(3, 2, 0, 0, 1e-8, 1e-8);

    @Test
    void rasterVisitsRowByRow() {
        assertArrayEquals(new int[] { 0, 1, 2, 3, 4, 5 }, PixelPlan.order(grid, PixelOrder.RASTER, 0));
    }

    @Test
    void serpentineReversesOddRows() {
        assertArrayEquals(new int[] { 0, 1, 2, 5, 4, 3 }, PixelPlan.order(grid, PixelOrder.SERPENTINE, 0));
    }

    @Test
    void randomIsAReproduciblePermutation() {
        Grid big = new Grid(70, 70, 0, 0, 2e-8, 2e-8);
        int[] a = PixelPlan.order(big, PixelOrder.RANDOM, 42);
        assertArrayEquals(a, PixelPlan.order(big, PixelOrder.RANDOM, 42), "same seed, same order");
        assertFalse(Arrays.equals(a, PixelPlan.order(big, PixelOrder.RANDOM, 43)), "another seed, another order");
        assertArrayEquals(IntStream.range(0, 4900).toArray(), Arrays.stream(a).sorted().toArray(),
                "every pixel exactly once");
        long neighbours = IntStream.range(1, a.length).filter(k -> Math.abs(a[k] - a[k - 1]) == 1).count();
        assertEquals(0, neighbours, 10, "a shuffled order rarely visits a row neighbour next");
    }
}
