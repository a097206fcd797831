package org.onset.analysis.particles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.onset.instrument.api.TopographyImage;

/**
 * Finds particles in a height image: points higher than the background by more than a threshold,
 * split into particles by a watershed with a minimum dynamic.
 *
 * <p>The watershed floods the points from the highest down (union–find): a point next to no
 * region starts one (a peak); next to one region it joins it; where two regions meet, the lower
 * one is merged into the higher one unless its peak stands at least {@code minimumDynamic} above
 * the meeting point — then they stay separate particles (touching particles with a saddle between
 * them). Noise bumps on one particle have small dynamics and do not split it.
 *
 * <p>Each particle's baseline is the median height of the background points within two points of
 * it (the local baseline: the Li layer of a dense map or a tilt of the image does not count as
 * volume); its volume is the sum of (height − baseline) over its points times the point area.
 *
 * @param thresholdSigmas points above background + this many noise standard deviations belong to particles
 * @param minimumHeight   … and at least this far above the background, m (so a noise-free image works)
 * @param minimumDynamic  a peak separates from a higher neighbour when it stands this high above the saddle, m
 * @param minimumPixels   smaller regions are dropped
 */
public record ParticleDetector(double thresholdSigmas, double minimumHeight, double minimumDynamic, int minimumPixels) {

    /** 4 σ, 1 nm, 2 nm, 4 points: Li particles on a ~1–2 nm rms electrolyte surface. */
    public static ParticleDetector defaults() {
        return new ParticleDetector(4, 1e-9, 2e-9, 4);
    }

    public ParticleDetector {
        if (!(thresholdSigmas >= 0) || !(minimumHeight >= 0) || !(minimumDynamic >= 0) || minimumPixels < 1) {
            throw new IllegalArgumentException("particle detection needs thresholdSigmas >= 0, minimumHeight >= 0 m, "
                    + "minimumDynamic >= 0 m and minimumPixels >= 1, got " + thresholdSigmas + ", " + minimumHeight
                    + ", " + minimumDynamic + ", " + minimumPixels);
        }
    }

    /**
     * @throws IllegalArgumentException when the image has no finite height
     */
    public ParticleDetection detect(TopographyImage image) {
        int nx = image.nx();
        int ny = image.ny();
        double[] z = image.height();
        double[] finite = Arrays.stream(z).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            throw new IllegalArgumentException("the image has no finite height: no particles can be detected");
        }
        double background = finite[finite.length / 2];
        double[] deviations = Arrays.stream(finite).map(v -> Math.abs(v - background)).sorted().toArray();
        double noise = 1.4826 * deviations[deviations.length / 2];
        double threshold = background + Math.max(thresholdSigmas * noise, minimumHeight);

        // flood from the highest point down
        Integer[] order = new Integer[z.length];
        int count = 0;
        for (int k = 0; k < z.length; k++) {
            if (Double.isFinite(z[k]) && z[k] > threshold) {
                order[count++] = k;
            }
        }
        Integer[] above = Arrays.copyOf(order, count);
        Arrays.sort(above, (a, b) -> Double.compare(z[b], z[a]));
        int[] parent = new int[z.length];
        Arrays.fill(parent, -1); // -1: not yet flooded
        double[] peak = new double[z.length];
        int[] roots = new int[8];
        for (int p : above) {
            int i = p % nx;
            int j = p / nx;
            int distinct = 0;
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    int ii = i + di;
                    int jj = j + dj;
                    if ((di == 0 && dj == 0) || ii < 0 || jj < 0 || ii >= nx || jj >= ny) {
                        continue;
                    }
                    int q = jj * nx + ii;
                    if (parent[q] < 0) {
                        continue;
                    }
                    int r = find(parent, q);
                    boolean seen = false;
                    for (int s = 0; s < distinct; s++) {
                        seen |= roots[s] == r;
                    }
                    if (!seen) {
                        roots[distinct++] = r;
                    }
                }
            }
            if (distinct == 0) {
                parent[p] = p;
                peak[p] = z[p];
                continue;
            }
            int highest = roots[0];
            for (int s = 1; s < distinct; s++) {
                if (peak[roots[s]] > peak[highest]) {
                    highest = roots[s];
                }
            }
            parent[p] = highest;
            for (int s = 0; s < distinct; s++) {
                int r = roots[s];
                if (r != highest && peak[r] - z[p] < minimumDynamic) {
                    parent[r] = highest; // a shallow saddle: one particle
                }
            }
        }

        // regions → labels (in order of first point in the image), dropping the small ones
        int[] size = new int[z.length];
        for (int p : above) {
            size[find(parent, p)]++;
        }
        int[] labelOfRoot = new int[z.length];
        int[] labels = new int[z.length];
        int next = 0;
        for (int k = 0; k < z.length; k++) {
            if (parent[k] < 0) {
                continue;
            }
            int r = find(parent, k);
            if (size[r] < minimumPixels) {
                continue;
            }
            if (labelOfRoot[r] == 0) {
                labelOfRoot[r] = ++next;
            }
            labels[k] = labelOfRoot[r];
        }
        grow(image, labels, background + noise);
        boolean[] particle = new boolean[z.length];
        for (int k = 0; k < z.length; k++) {
            particle[k] = parent[k] >= 0 || labels[k] > 0; // any point above the threshold is not background
        }
        return new ParticleDetection(image, measure(image, labels, next, particle, background), labels, background,
                noise, threshold);
    }

    /**
     * The volumes of particles found in one image, measured in another image on the same grid (the
     * same scene corrected, e.g. for the tip's shape): over the same points, each above its local
     * baseline in that image (the median of the background ring, as {@link #detect} measures).
     *
     * @return per particle (index = label − 1), volume, m³
     * @throws IllegalArgumentException when the images' grids differ
     * @since 1.1
     */
    public double[] volumesIn(ParticleDetection found, TopographyImage other) {
        TopographyImage image = found.image();
        if (other.nx() != image.nx() || other.ny() != image.ny() || other.dx() != image.dx() || other.dy() != image.dy()
                || other.x0() != image.x0() || other.y0() != image.y0()) {
            throw new IllegalArgumentException("the image to measure the particles in is " + other.nx() + " x "
                    + other.ny() + " points, not on the grid of the one they were found in (" + image.nx() + " x "
                    + image.ny() + ")");
        }
        double[] z = image.height();
        boolean[] particle = new boolean[z.length];
        int[] labels = found.labels();
        for (int k = 0; k < z.length; k++) {
            // as in detect: any point above the threshold is no background, labelled or not
            particle[k] = labels[k] > 0 || (Double.isFinite(z[k]) && z[k] > found.threshold());
        }
        double[] finite = Arrays.stream(other.height()).filter(Double::isFinite).sorted().toArray();
        double background = finite.length == 0 ? 0 : finite[finite.length / 2];
        List<DetectedParticle> measured = measure(other, labels, found.particles().size(), particle, background);
        return measured.stream().mapToDouble(DetectedParticle::volume).toArray();
    }

    /**
     * Extends every particle down its flanks below the threshold: unlabelled neighbours that are
     * lower than the labelled point and still above {@code floor} join it, so the volume of the
     * foot of each particle counts and its baseline ring lies on the background, not on the foot.
     */
    private static void grow(TopographyImage image, int[] labels, double floor) {
        int nx = image.nx();
        int ny = image.ny();
        double[] z = image.height();
        // at most half the particle's radius further out (and 2 points): a tilted or noisy background
        // must not be swallowed
        int maxLabel = Arrays.stream(labels).max().orElse(0);
        int[] size = new int[maxLabel + 1];
        for (int l : labels) {
            size[l]++;
        }
        int[] depth = new int[z.length];
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        for (int k = 0; k < z.length; k++) {
            if (labels[k] > 0) {
                queue.add(k);
            }
        }
        while (!queue.isEmpty()) {
            int p = queue.poll();
            if (depth[p] >= 2 + 0.5 * Math.sqrt(size[labels[p]] / Math.PI)) {
                continue;
            }
            int i = p % nx;
            int j = p / nx;
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    int ii = i + di;
                    int jj = j + dj;
                    if (ii < 0 || jj < 0 || ii >= nx || jj >= ny) {
                        continue;
                    }
                    int q = jj * nx + ii;
                    if (labels[q] == 0 && Double.isFinite(z[q]) && z[q] > floor && z[q] <= z[p]) {
                        labels[q] = labels[p];
                        depth[q] = depth[p] + 1;
                        queue.add(q);
                    }
                }
            }
        }
    }

    private static int find(int[] parent, int k) {
        int r = k;
        while (parent[r] != r) {
            r = parent[r];
        }
        while (parent[k] != r) {
            int n = parent[k];
            parent[k] = r;
            k = n;
        }
        return r;
    }

    private static List<DetectedParticle> measure(TopographyImage image, int[] labels, int count, boolean[] particle,
            double background) {
        int nx = image.nx();
        int ny = image.ny();
        double[] z = image.height();
        double area = Math.abs(image.dx() * image.dy());
        List<List<Integer>> points = new ArrayList<>();
        for (int l = 0; l <= count; l++) {
            points.add(new ArrayList<>());
        }
        for (int k = 0; k < z.length; k++) {
            if (labels[k] > 0) {
                points.get(labels[k]).add(k);
            }
        }
        List<DetectedParticle> out = new ArrayList<>(count);
        int ring = 2;
        for (int l = 1; l <= count; l++) {
            List<Integer> pts = points.get(l);
            // the background points within `ring` points of the particle
            List<Double> around = new ArrayList<>();
            java.util.Set<Integer> visited = new java.util.HashSet<>();
            for (int p : pts) {
                int i = p % nx;
                int j = p / nx;
                for (int dj = -ring; dj <= ring; dj++) {
                    for (int di = -ring; di <= ring; di++) {
                        int ii = i + di;
                        int jj = j + dj;
                        if (ii < 0 || jj < 0 || ii >= nx || jj >= ny) {
                            continue;
                        }
                        int q = jj * nx + ii;
                        if (!particle[q] && Double.isFinite(z[q]) && visited.add(q)) {
                            around.add(z[q]);
                        }
                    }
                }
            }
            double baseline;
            if (around.isEmpty()) {
                baseline = background;
            } else {
                double[] a = around.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                baseline = a[a.length / 2];
            }
            double volume = 0;
            double top = Double.NEGATIVE_INFINITY;
            double sx = 0;
            double sy = 0;
            double sw = 0;
            for (int p : pts) {
                double h = z[p] - baseline;
                top = Math.max(top, h);
                if (h > 0) {
                    volume += h * area;
                    sx += h * (image.x0() + (p % nx) * image.dx());
                    sy += h * (image.y0() + (p / nx) * image.dy());
                    sw += h;
                }
            }
            double cx = sw > 0 ? sx / sw : image.x0() + (pts.get(0) % nx) * image.dx();
            double cy = sw > 0 ? sy / sw : image.y0() + (pts.get(0) / nx) * image.dy();
            out.add(new DetectedParticle(l, pts.size(), volume, top, Math.sqrt(pts.size() * area / Math.PI), cx, cy,
                    baseline));
        }
        return out;
    }
}
