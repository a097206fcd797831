package org.onset.instrument.sim.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The seeded LICGC microstructure of PHYSICS.md: Voronoi matrix grains, non-overlapping AlPO4
 * disks with log-normal radii, the local median nucleation overpotential η50 and the surface
 * topography (smooth noise, AlPO4 relief, grain-boundary grooves, grey-dilated by the tip), plus
 * the Li particles deposited so far. The particle list keeps every particle with its own volume;
 * the topography shows the union of their caps, so where caps overlap it holds less volume than
 * the particles together (the Li under an overlap is not modelled).
 *
 * <p>Geometry (phase, distances) is exact; the noise fields live on the {@code gridStep} grid and
 * are interpolated bilinearly. Points outside the sample are clamped to its edge: the real sample
 * is larger than the modelled patch, and drift may carry the tip a little beyond it.
 *
 * <p>Everything is immutable after {@link #generate} except the particle list, which is guarded
 * so that pixels of a map may run on many threads.
 */
public final class SimulatedSample {

    /** Particles are bucketed in square cells of this size for fast lookup, m. */
    private static final double PARTICLE_CELL = 100e-9;

    private final SimSettings settings;
    private final double width;
    private final double height;
    private final double step;
    private final int nx;
    private final int ny;
    /** Grains bucketed in square cells of {@link #grainBucket} m (indices ascending), for {@link #boundaryDistance}. */
    private final int[][] grainBuckets;
    private final double grainBucket;
    /** Samples with at most this many grains compare every grain (faster than the buckets there). */
    private static final int ALL_GRAINS_UP_TO = 150;
    private final int grainBucketsX;
    private final int grainBucketsY;
    private final double[] grainX;
    private final double[] grainY;
    private final double[] diskX;
    private final double[] diskY;
    private final double[] diskR;
    private final double[] eta50Noise;
    private final double[] topography;
    /** The surface before tip dilation, m: the Li deposits rest on it (see {@link #topographyAt}). */
    private final double[] bareSurface;
    /** The tip apex sampled on the grid: lateral offsets (m) and how far the sphere lies below its apex there. */
    private final double[] tipOffsetX;
    private final double[] tipOffsetY;
    private final double[] tipDrop;

    private final ReadWriteLock particleLock = new ReentrantReadWriteLock();
    private final List<Particle> particles = new ArrayList<>();
    private final int cellsX;
    private final int cellsY;
    private final List<List<Particle>> particleCells;

    private SimulatedSample(SimSettings s) {
        this.settings = s;
        this.width = s.sampleWidth();
        this.height = s.sampleHeight();
        this.step = s.gridStep();
        this.nx = (int) Math.round(width / step) + 1;
        this.ny = (int) Math.round(height / step) + 1;
        // independent streams for each ingredient, so changing one setting leaves the others alone
        long seed = s.sampleSeed();
        FastRandom grains = new FastRandom(FastRandom.mix(seed ^ 0x6772616E73L));
        FastRandom disks = new FastRandom(FastRandom.mix(seed ^ 0x616C706F34L));
        FastRandom eta = new FastRandom(FastRandom.mix(seed ^ 0x6574613530L));
        FastRandom topoCoarse = new FastRandom(FastRandom.mix(seed ^ 0x746F706F31L));
        FastRandom topoFine = new FastRandom(FastRandom.mix(seed ^ 0x746F706F32L));

        int grainCount = Math.max(1,
                (int) Math.round(width * height / (Math.PI / 4 * s.grainMeanSize() * s.grainMeanSize())));
        grainX = new double[grainCount];
        grainY = new double[grainCount];
        for (int g = 0; g < grainCount; g++) {
            grainX[g] = grains.nextDouble() * width;
            grainY[g] = grains.nextDouble() * height;
        }
        // buckets of about one grain each: boundaryDistance looks at the grains near a point only
        // (it compared every point with every grain: 1 M points × 350 grains on a 5 µm sample)
        grainBucket = Math.max(step, s.grainMeanSize());
        grainBucketsX = Math.max(1, (int) Math.ceil(width / grainBucket));
        grainBucketsY = Math.max(1, (int) Math.ceil(height / grainBucket));
        List<List<Integer>> bucketLists = new ArrayList<>();
        for (int b = 0; b < grainBucketsX * grainBucketsY; b++) {
            bucketLists.add(new ArrayList<>());
        }
        for (int g = 0; g < grainCount; g++) {
            bucketLists.get(grainBucketY(grainY[g]) * grainBucketsX + grainBucketX(grainX[g])).add(g);
        }
        grainBuckets = new int[bucketLists.size()][];
        for (int b = 0; b < grainBuckets.length; b++) {
            grainBuckets[b] = bucketLists.get(b).stream().mapToInt(Integer::intValue).toArray();
        }

        List<double[]> placed = placeDisks(s, disks);
        diskX = placed.stream().mapToDouble(d -> d[0]).toArray();
        diskY = placed.stream().mapToDouble(d -> d[1]).toArray();
        diskR = placed.stream().mapToDouble(d -> d[2]).toArray();

        eta50Noise = SmoothNoise.field(eta, nx, ny, step, s.eta50NoiseCorrelation(), s.eta50NoiseSigma());
        bareSurface = surface(s, topoCoarse, topoFine);
        topography = dilate(bareSurface, s.tipRadius());
        int reach = (int) Math.floor(s.tipRadius() / step);
        List<double[]> tip = new ArrayList<>();
        for (int dj = -reach; dj <= reach; dj++) {
            for (int di = -reach; di <= reach; di++) {
                double d2 = (di * di + dj * dj) * step * step;
                if (d2 <= s.tipRadius() * s.tipRadius()) {
                    tip.add(new double[] { di * step, dj * step, Math.sqrt(s.tipRadius() * s.tipRadius() - d2) - s.tipRadius() });
                }
            }
        }
        tipOffsetX = tip.stream().mapToDouble(t -> t[0]).toArray();
        tipOffsetY = tip.stream().mapToDouble(t -> t[1]).toArray();
        tipDrop = tip.stream().mapToDouble(t -> t[2]).toArray();

        cellsX = (int) Math.ceil(width / PARTICLE_CELL) + 1;
        cellsY = (int) Math.ceil(height / PARTICLE_CELL) + 1;
        particleCells = new ArrayList<>(cellsX * cellsY);
        for (int c = 0; c < cellsX * cellsY; c++) {
            particleCells.add(new ArrayList<>());
        }
    }

    /**
     * Builds the microstructure of {@code s} (validated first); deterministic in {@code s}.
     *
     * @throws IllegalArgumentException when a setting is invalid or the AlPO4 fraction cannot be placed
     */
    public static SimulatedSample generate(SimSettings s) {
        s.validate();
        return new SimulatedSample(s);
    }

    /** Random sequential addition of non-overlapping disks until the area fraction is reached. */
    private List<double[]> placeDisks(SimSettings s, FastRandom rnd) {
        List<double[]> out = new ArrayList<>();
        double target = s.alpo4AreaFraction() * (double) nx * ny;
        if (target <= 0) {
            return out;
        }
        boolean[] covered = new boolean[nx * ny];
        double coveredCells = 0;
        int attempts = 0;
        int maxAttempts = 200_000;
        while (coveredCells < target) {
            if (++attempts > maxAttempts) {
                throw new IllegalArgumentException("setting 'alpo4AreaFraction' = " + s.alpo4AreaFraction()
                        + " 1 cannot be reached with non-overlapping disks of these radii (placed "
                        + String.format("%.3f", coveredCells / nx / ny) + ")");
            }
            double r = Math.exp(Math.log(s.alpo4RadiusMedian()) + s.alpo4RadiusLogSigma() * rnd.nextGaussian());
            r = Math.min(s.alpo4RadiusMax(), Math.max(s.alpo4RadiusMin(), r));
            double cx = rnd.nextDouble() * width;
            double cy = rnd.nextDouble() * height;
            boolean overlaps = false;
            for (double[] d : out) {
                double dx = d[0] - cx;
                double dy = d[1] - cy;
                double min = d[2] + r;
                if (dx * dx + dy * dy < min * min) {
                    overlaps = true;
                    break;
                }
            }
            if (overlaps) {
                continue;
            }
            out.add(new double[] { cx, cy, r });
            // count the grid points the new disk covers: the fraction is of the modelled patch
            int i0 = Math.max(0, (int) Math.floor((cx - r) / step));
            int i1 = Math.min(nx - 1, (int) Math.ceil((cx + r) / step));
            int j0 = Math.max(0, (int) Math.floor((cy - r) / step));
            int j1 = Math.min(ny - 1, (int) Math.ceil((cy + r) / step));
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    double dx = i * step - cx;
                    double dy = j * step - cy;
                    if (dx * dx + dy * dy <= r * r && !covered[j * nx + i]) {
                        covered[j * nx + i] = true;
                        coveredCells++;
                    }
                }
            }
        }
        return out;
    }

    /** The undilated surface: two noise scales, AlPO4 relief, grain-boundary grooves. */
    private double[] surface(SimSettings s, FastRandom coarseRnd, FastRandom fineRnd) {
        double[] coarse = SmoothNoise.field(coarseRnd, nx, ny, step, s.topographyCoarseCorrelation(),
                s.topographyCoarseRms());
        double[] fine = SmoothNoise.field(fineRnd, nx, ny, step, s.topographyFineCorrelation(), s.topographyFineRms());
        double[] z = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = j * nx + i;
                double x = i * step;
                double y = j * step;
                double v = coarse[k] + fine[k];
                if (insideDisk(x, y)) {
                    v += s.alpo4Relief();
                } else if (s.grooveDepth() > 0) {
                    v -= s.grooveDepth() * Math.exp(-boundaryDistance(x, y) / s.grooveWidth());
                }
                z[k] = v;
            }
        }
        return z;
    }

    /** Grey dilation by a sphere: what an AFM tip of that radius records over the surface. */
    private double[] dilate(double[] z, double tipRadius) {
        int reach = (int) Math.floor(tipRadius / step);
        if (reach < 1) {
            return z;
        }
        List<int[]> offsets = new ArrayList<>();
        List<Double> drops = new ArrayList<>();
        for (int dj = -reach; dj <= reach; dj++) {
            for (int di = -reach; di <= reach; di++) {
                double d2 = (di * di + dj * dj) * step * step;
                if (d2 <= tipRadius * tipRadius) {
                    offsets.add(new int[] { di, dj });
                    // the sphere's surface lies this far below its apex at lateral distance d
                    drops.add(Math.sqrt(tipRadius * tipRadius - d2) - tipRadius);
                }
            }
        }
        double[] out = new double[z.length];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int o = 0; o < offsets.size(); o++) {
                    int ii = i + offsets.get(o)[0];
                    int jj = j + offsets.get(o)[1];
                    if (ii < 0 || jj < 0 || ii >= nx || jj >= ny) {
                        continue;
                    }
                    double v = z[jj * nx + ii] + drops.get(o);
                    if (v > best) {
                        best = v;
                    }
                }
                out[j * nx + i] = best;
            }
        }
        return out;
    }

    // ---- queries -----------------------------------------------------------------------------------

    /** The settings this sample was generated from. */
    public SimSettings settings() {
        return settings;
    }

    /** Sample width, m. */
    public double width() {
        return width;
    }

    /** Sample height (y extent), m. */
    public double height() {
        return height;
    }

    /** Number of Voronoi matrix grains. */
    public int grainCount() {
        return grainX.length;
    }

    /** Number of AlPO4 inclusions. */
    public int inclusionCount() {
        return diskR.length;
    }

    /** Phase at (x, y). */
    public Phase phaseAt(double x, double y) {
        return insideDisk(clampX(x), clampY(y)) ? Phase.ALPO4 : Phase.MATRIX;
    }

    /**
     * Local median nucleation overpotential, V: η50 = matrix + noise − AlPO4 proximity drop −
     * boundary drop, not below the floor; +∞ inside AlPO4 (no nucleation there).
     */
    public double eta50At(double x, double y) {
        double cx = clampX(x);
        double cy = clampY(y);
        double dA = alpo4Distance(cx, cy);
        if (dA <= 0 && diskR.length > 0 && insideDisk(cx, cy)) {
            return Double.POSITIVE_INFINITY;
        }
        SimSettings s = settings;
        double eta = s.eta50Matrix() + interpolate(eta50Noise, cx, cy);
        if (s.alpo4ProximityDrop() > 0 && diskR.length > 0) {
            eta -= s.alpo4ProximityDrop() * Math.exp(-dA / s.alpo4ProximityLength());
        }
        if (s.boundaryDrop() > 0) {
            eta -= s.boundaryDrop() * Math.exp(-boundaryDistance(cx, cy) / s.boundaryLength());
        }
        return Math.max(s.eta50Floor(), eta);
    }

    /** Distance to the nearest AlPO4 inclusion, m; 0 inside one, +∞ when there are none. */
    public double distanceToAlpo4(double x, double y) {
        return Math.max(0, alpo4Distance(clampX(x), clampY(y)));
    }

    /** Distance to the nearest boundary between matrix grains, m (+∞ with a single grain). */
    public double distanceToBoundary(double x, double y) {
        return boundaryDistance(clampX(x), clampY(y));
    }

    /**
     * Surface height an AFM tip records at (x, y), m: the grey dilation by the spherical tip
     * ({@code tipRadius}) of the bare surface plus the Li deposits so far. The deposits are the
     * union of their spherical caps (the highest cap over a point, not the sum of overlapping ones),
     * resting on the bare surface. Where no deposit lies under the tip this is exactly the
     * pre-computed dilated microstructure, so a scan before any ramp is unchanged; over Li the tip
     * rides on the caps and widens them by its own radius, as a real scan of small particles shows.
     */
    public double topographyAt(double x, double y) {
        double cx = clampX(x);
        double cy = clampY(y);
        double dilatedBare = interpolate(topography, cx, cy);
        if (tipDrop.length <= 1) {
            return dilatedBare + particleHeightAt(cx, cy); // no tip to dilate with: the caps as they are
        }
        double best = dilatedBare;
        particleLock.readLock().lock();
        try {
            if (particles.isEmpty()) {
                return dilatedBare;
            }
            for (int o = 0; o < tipDrop.length; o++) {
                double px = Math.min(width, Math.max(0, cx + tipOffsetX[o]));
                double py = Math.min(height, Math.max(0, cy + tipOffsetY[o]));
                double deposit = depositHeightAt(px, py);
                if (deposit > 0) {
                    best = Math.max(best, interpolate(bareSurface, px, py) + deposit + tipDrop[o]);
                }
            }
        } finally {
            particleLock.readLock().unlock();
        }
        return best;
    }

    /**
     * Height under the tip's apex at (x, y) when it touches the surface for a ramp, m: the dilated
     * microstructure plus the caps right under the apex (not dilated). The ramps' absolute Z starts
     * here; only its changes matter to the rules, and keeping it undilated keeps the ramps of every
     * existing map bit for bit what they were.
     */
    public double contactHeightAt(double x, double y) {
        double cx = clampX(x);
        double cy = clampY(y);
        return interpolate(topography, cx, cy) + particleHeightAt(cx, cy);
    }

    /** Height of the microstructure alone (no particles), m. */
    public double bareTopographyAt(double x, double y) {
        return interpolate(topography, clampX(x), clampY(y));
    }

    /**
     * Records a Li particle (spherical cap) grown at (x, y). Thread-safe.
     *
     * @throws IllegalArgumentException when a value is not finite or not positive
     */
    public void addParticle(double x, double y, double baseRadius, double height) {
        Particle p = new Particle(x, y, baseRadius, height);
        int c0 = cellX(x - baseRadius);
        int c1 = cellX(x + baseRadius);
        int r0 = cellY(y - baseRadius);
        int r1 = cellY(y + baseRadius);
        particleLock.writeLock().lock();
        try {
            particles.add(p);
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    particleCells.get(r * cellsX + c).add(p);
                }
            }
        } finally {
            particleLock.writeLock().unlock();
        }
    }

    /** Number of particles deposited so far. */
    public int particleCount() {
        particleLock.readLock().lock();
        try {
            return particles.size();
        } finally {
            particleLock.readLock().unlock();
        }
    }

    /** A snapshot of the particles deposited so far, in deposition order. */
    public List<Particle> particles() {
        particleLock.readLock().lock();
        try {
            return List.copyOf(particles);
        } finally {
            particleLock.readLock().unlock();
        }
    }

    /** Removes every deposited particle (a fresh sample surface with the same microstructure). */
    public void clearParticles() {
        particleLock.writeLock().lock();
        try {
            particles.clear();
            particleCells.forEach(List::clear);
        } finally {
            particleLock.writeLock().unlock();
        }
    }

    // ---- internals ---------------------------------------------------------------------------------

    private double particleHeightAt(double x, double y) {
        particleLock.readLock().lock();
        try {
            return depositHeightAt(x, y);
        } finally {
            particleLock.readLock().unlock();
        }
    }

    /** The union of the caps over (x, y), m; the caller holds the read lock. */
    private double depositHeightAt(double x, double y) {
        double z = 0;
        // The deposits are the union of the caps: where caps overlap the surface is the highest of
        // them, as a topography scan of touching particles shows. Summing them instead piled up
        // every cap within a base radius (~25 of them on a 20 nm grid) into hundreds of nm.
        for (Particle p : particleCells.get(cellY(y) * cellsX + cellX(x))) {
            z = Math.max(z, p.heightAt(x, y));
        }
        return z;
    }

    private int cellX(double x) {
        return Math.min(cellsX - 1, Math.max(0, (int) Math.floor(x / PARTICLE_CELL)));
    }

    private int cellY(double y) {
        return Math.min(cellsY - 1, Math.max(0, (int) Math.floor(y / PARTICLE_CELL)));
    }

    private boolean insideDisk(double x, double y) {
        for (int d = 0; d < diskR.length; d++) {
            double dx = x - diskX[d];
            double dy = y - diskY[d];
            if (dx * dx + dy * dy <= diskR[d] * diskR[d]) {
                return true;
            }
        }
        return false;
    }

    /** Signed distance to the nearest disk edge (negative inside), +∞ without disks. */
    private double alpo4Distance(double x, double y) {
        double best = Double.POSITIVE_INFINITY;
        for (int d = 0; d < diskR.length; d++) {
            double dx = x - diskX[d];
            double dy = y - diskY[d];
            best = Math.min(best, Math.sqrt(dx * dx + dy * dy) - diskR[d]);
        }
        return best;
    }

    /**
     * Distance to the edge of the Voronoi cell containing (x, y). The cell is the intersection of
     * half-planes bounded by the bisectors with every other seed, so the distance to its boundary is
     * the smallest distance to those bisectors: (|p−s_j|² − |p−s_1|²) / (2|s_j−s_1|).
     */
    private double boundaryDistance(double x, double y) {
        if (grainX.length <= ALL_GRAINS_UP_TO) {
            return boundaryDistance(x, y, null);
        }
        // The same minima as comparing with every grain, found ring by ring of buckets around the
        // point: a grain in ring k + 1 or beyond lies at least k·bucket away, so it can be neither
        // the nearest seed once one closer than that is known, nor give a smaller bisector distance
        // than (k·bucket − r)/2 (triangle inequality; r = distance to the nearest seed).
        int bx = grainBucketX(x);
        int by = grainBucketY(y);
        int rings = Math.max(grainBucketsX, grainBucketsY);
        int nearest = -1;
        double nearestD2 = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= rings; k++) {
            for (int b : ringBuckets(bx, by, k)) {
                for (int g : grainBuckets[b]) {
                    double dx = x - grainX[g];
                    double dy = y - grainY[g];
                    double d2 = dx * dx + dy * dy;
                    if (d2 < nearestD2 || (d2 == nearestD2 && g < nearest)) {
                        nearestD2 = d2;
                        nearest = g;
                    }
                }
            }
            double reach = k * grainBucket - 1e-12; // 1 pm: points on the sample's edge, rounding
            if (nearest >= 0 && reach > 0 && nearestD2 < reach * reach) {
                break;
            }
        }
        double r = Math.sqrt(nearestD2);
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= rings; k++) {
            for (int b : ringBuckets(bx, by, k)) {
                best = Math.min(best, bisectorDistance(x, y, nearest, nearestD2, grainBuckets[b]));
            }
            // margin for rounding: a grain left out must be clearly farther than the best so far
            if ((k * grainBucket - 1e-12 - r) / 2 > best * (1 + 1e-9) + 1e-15) {
                break;
            }
        }
        return best;
    }

    /** Every grain compared (the original loop; {@code grains} null: all of them). */
    private double boundaryDistance(double x, double y, int[] grains) {
        int nearest = 0;
        double nearestD2 = Double.POSITIVE_INFINITY;
        for (int g = 0; g < grainX.length; g++) {
            double dx = x - grainX[g];
            double dy = y - grainY[g];
            double d2 = dx * dx + dy * dy;
            if (d2 < nearestD2) {
                nearestD2 = d2;
                nearest = g;
            }
        }
        return bisectorDistance(x, y, nearest, nearestD2, grains);
    }

    /** Smallest distance from (x, y) to the bisectors of {@code nearest} with the grains (null: all). */
    private double bisectorDistance(double x, double y, int nearest, double nearestD2, int[] grains) {
        double best = Double.POSITIVE_INFINITY;
        int n = grains == null ? grainX.length : grains.length;
        for (int q = 0; q < n; q++) {
            int g = grains == null ? q : grains[q];
            if (g == nearest) {
                continue;
            }
            double dx = x - grainX[g];
            double dy = y - grainY[g];
            double sx = grainX[g] - grainX[nearest];
            double sy = grainY[g] - grainY[nearest];
            double d = (dx * dx + dy * dy - nearestD2) / (2 * Math.sqrt(sx * sx + sy * sy));
            if (d < best) {
                best = d;
            }
        }
        return best;
    }

    /** The buckets in ring k (Chebyshev distance k) around bucket (bx, by), as indices. */
    private int[] ringBuckets(int bx, int by, int k) {
        int[] out = new int[k == 0 ? 1 : 8 * k];
        int n = 0;
        for (int j = by - k; j <= by + k; j++) {
            if (j < 0 || j >= grainBucketsY) {
                continue;
            }
            boolean edgeRow = j == by - k || j == by + k;
            for (int i = bx - k; i <= bx + k; i += edgeRow || k == 0 ? 1 : 2 * k) {
                if (i >= 0 && i < grainBucketsX) {
                    out[n++] = j * grainBucketsX + i;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private int grainBucketX(double x) {
        return Math.min(grainBucketsX - 1, Math.max(0, (int) Math.floor(x / grainBucket)));
    }

    private int grainBucketY(double y) {
        return Math.min(grainBucketsY - 1, Math.max(0, (int) Math.floor(y / grainBucket)));
    }

    private double interpolate(double[] field, double x, double y) {
        double fx = x / step;
        double fy = y / step;
        int i = Math.min(nx - 2, (int) fx);
        int j = Math.min(ny - 2, (int) fy);
        double u = fx - i;
        double v = fy - j;
        int k = j * nx + i;
        return (1 - v) * ((1 - u) * field[k] + u * field[k + 1]) + v * ((1 - u) * field[k + nx] + u * field[k + nx + 1]);
    }

    private double clampX(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be finite, got " + x + " m");
        }
        return Math.min(width, Math.max(0, x));
    }

    private double clampY(double y) {
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("y must be finite, got " + y + " m");
        }
        return Math.min(height, Math.max(0, y));
    }
}
