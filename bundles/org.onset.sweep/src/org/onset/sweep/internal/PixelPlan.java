package org.onset.sweep.internal;

import java.util.SplittableRandom;

import org.onset.map.api.Grid;
import org.onset.sweep.api.PixelOrder;

/**
 * The visiting order of a map as position indices ({@code j * nx + i}). A pure function of the
 * recipe, so that a resumed run visits the remaining pixels in the order the first run would have.
 */
final class PixelPlan {

    private PixelPlan() {
    }

    static int[] order(Grid grid, PixelOrder order, long seed) {
        int nx = grid.nx();
        int ny = grid.ny();
        int[] seq = new int[nx * ny];
        int k = 0;
        for (int j = 0; j < ny; j++) {
            for (int n = 0; n < nx; n++) {
                int i = order == PixelOrder.SERPENTINE && (j & 1) == 1 ? nx - 1 - n : n;
                seq[k++] = j * nx + i;
            }
        }
        if (order == PixelOrder.RANDOM) {
            // Fisher–Yates with a generator whose sequence is fixed by its seed across JVMs
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int a = seq.length - 1; a > 0; a--) {
                int b = rnd.nextInt(a + 1);
                int t = seq[a];
                seq[a] = seq[b];
                seq[b] = t;
            }
        }
        return seq;
    }
}
