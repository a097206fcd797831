package org.onset.analysis.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.particles.CurveCharge;
import org.onset.analysis.particles.DetectedParticle;
import org.onset.analysis.particles.ParticleDetection;
import org.onset.analysis.particles.ParticleDetector;
import org.onset.analysis.particles.Transference;
import org.onset.analysis.phases.BoundaryDistance;
import org.onset.analysis.phases.NeverNucleatingClusters;
import org.onset.analysis.phases.OnsetByDistance;
import org.onset.analysis.phases.RankSum;
import org.onset.analysis.topography.Registration;
import org.onset.analysis.topography.TipDeconvolution;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.Curve;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;

/**
 * Runs every analysis that the map file's content allows and says what it could not run. Only the
 * curves of ramps that lie on an isolated particle are read, one at a time (a 70 × 70 map holds
 * ≈ 1 GB of curves; the charge of a curve is summed as it is read).
 */
public final class MapAnalyzer {

    /**
     * @param detector      particle detection
     * @param clusters      AlPO4 from never-nucleating clusters, and the boundary band
     * @param mask          a user's AlPO4 mask instead of the clusters ({@link UserMask}); null: from the data
     * @param maxShift      registration search, ± pixels
     * @param binWidth      onset-against-distance bins, m
     * @param maxDistance   last bin starts before this distance, m
     * @param resamples     bootstrap resamples per bin
     * @param seed          bootstrap seed
     * @param tipRadius     AFM tip radius to take out of the particle volumes ({@link TipCorrection}), m; 0: no
     *                      correction; NaN: the radius the file states ({@link #tipRadius(MapFile, double)})
     */
    public record Options(ParticleDetector detector, NeverNucleatingClusters clusters, Path mask, int maxShift,
            double binWidth, double maxDistance, int resamples, long seed, double tipRadius) {

        public Options {
            if (!(Double.isNaN(tipRadius) || isTipRadius(tipRadius))) {
                throw new IllegalArgumentException("the tip radius must be >= 0 m and below 10 µm (or NaN: from the "
                        + "file), got " + tipRadius + " m");
            }
        }

        /** As before the tip correction: the tip radius comes from the file. */
        public Options(ParticleDetector detector, NeverNucleatingClusters clusters, Path mask, int maxShift,
                double binWidth, double maxDistance, int resamples, long seed) {
            this(detector, clusters, mask, maxShift, binWidth, maxDistance, resamples, seed, Double.NaN);
        }

        public static Options defaults() {
            return new Options(ParticleDetector.defaults(), NeverNucleatingClusters.defaults(), null, 5, 20e-9, 200e-9,
                    1000, OnsetByDistance.seed(), Double.NaN);
        }

        public Options withMask(Path file) {
            return new Options(detector, clusters, file, maxShift, binWidth, maxDistance, resamples, seed, tipRadius);
        }

        /**
         * @param radius m; 0: no tip correction; NaN: the radius the file states
         * @since 1.3
         */
        public Options withTipRadius(double radius) {
            return new Options(detector, clusters, mask, maxShift, binWidth, maxDistance, resamples, seed, radius);
        }
    }

    /**
     * Radius of the tip of the simulated instrument (org.onset.instrument.sim, setting {@code tipRadius},
     * PHYSICS.md: its topography is grey-dilated by a 30 nm sphere), m: used for files the simulator made
     * that do not name another radius.
     */
    public static final double SIMULATOR_TIP_RADIUS = 30e-9;

    /**
     * Whether {@code metres} is a tip radius the correction takes: 0 (none) up to, not including,
     * 10 µm. Options, files and what users type are all held to it.
     *
     * @since 1.3
     */
    public static boolean isTipRadius(double metres) {
        return metres >= 0 && metres < 10e-6;
    }

    /**
     * A tip radius and where it comes from.
     *
     * @param metres m; 0: none
     * @param source in words
     * @since 1.3
     */
    public record TipRadius(double metres, String source) {
    }

    private static final java.util.regex.Pattern TIP_SETTING = java.util.regex.Pattern
            .compile("\"tipRadius\"\\s*:\\s*\"?([-+0-9.eE]+)\"?");
    private static final java.util.regex.Pattern SIMULATED = java.util.regex.Pattern
            .compile("\"instrument\\.simulated\"\\s*:\\s*\"?true");

    /**
     * The tip radius to take out of the particle volumes of a map file: the one given; else the one
     * the file records (the instrument setting {@code tipRadius}, m, in its {@code instrument_settings}
     * attribute); else, for a file the simulator made, the simulator's 30 nm; else none (a real
     * instrument's tip is not known: it must be given).
     *
     * @param given m; NaN: not given; 0: no correction
     * @since 1.3
     */
    public static TipRadius tipRadius(MapFile map, double given) {
        if (!Double.isNaN(given)) {
            return new TipRadius(given, given == 0 ? "none: a tip radius of 0 nm was given" : "given");
        }
        String settings = map.attributes().get(org.onset.map.api.MapAttributes.INSTRUMENT_SETTINGS);
        if (settings != null) {
            java.util.regex.Matcher m = TIP_SETTING.matcher(settings);
            if (m.find()) {
                try {
                    double r = Double.parseDouble(m.group(1));
                    if (isTipRadius(r)) {
                        return new TipRadius(r, "the file's instrument setting tipRadius");
                    }
                } catch (NumberFormatException e) {
                    // not a number: as if absent
                }
            }
            if (SIMULATED.matcher(settings).find()) {
                return new TipRadius(SIMULATOR_TIP_RADIUS, "the simulator's tip: the file's instrument is simulated");
            }
        }
        return new TipRadius(0, "none: the file does not state the tip radius (give it to correct the volumes)");
    }

    private MapAnalyzer() {
    }

    /**
     * @param groundTruth a phase map to compare the phases found with (e.g. the simulator's); may be empty
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when the mask does not fit the map (the message names both sizes)
     */
    public static MapAnalysis analyze(MapFile map, Optional<PhaseMap> groundTruth, Options options) throws IOException {
        return analyze(map, groundTruth, options,
                options.mask() == null ? null : UserMask.read(options.mask(), map.grid()));
    }

    /**
     * As {@link #analyze(MapFile, Optional, Options)}, with the AlPO4 mask already read (from a format
     * {@link UserMask} does not read itself, such as Gwyddion {@code .gsf} through an importer).
     *
     * @param maskPixels per map pixel, AlPO4 or not ({@link UserMask#fromImage}); null: phases from the
     *                   data. {@code options.mask()} names the mask's file in the results.
     */
    public static MapAnalysis analyze(MapFile map, Optional<PhaseMap> groundTruth, Options options,
            boolean[] maskPixels) throws IOException {
        return analyze(map, groundTruth, options, maskPixels, maskPixels == null ? null : "mask " + options.mask(),
                "the mask's non-zero pixels");
    }

    /**
     * As {@link #analyze(MapFile, Optional, Options)}, with the AlPO4 of a phase map from a provider
     * (the {@code PhaseMapService}'s: a user's mask, the phases found from the data); the boundary band
     * and the matrix are derived from its AlPO4 pixels by {@code options.clusters().boundaryBand()} as
     * always, so that every source is analysed alike.
     *
     * @param phases      the phases to use; null: found from the data here
     * @param compareWith a phase map to compare with (a simulator's ground truth); may be empty
     * @since 1.2
     */
    public static MapAnalysis analyze(MapFile map, PhaseMap phases, Optional<PhaseMap> compareWith, Options options)
            throws IOException {
        if (phases == null) {
            return analyze(map, compareWith, options, null);
        }
        if (!phases.grid().equals(map.grid())) {
            throw new IllegalArgumentException("the phase map's grid " + phases.grid() + " is not the map's " + map.grid());
        }
        boolean[] alpo4 = new boolean[phases.grid().pixelCount()];
        for (int k = 0; k < alpo4.length; k++) {
            alpo4[k] = PhaseMap.ALPO4.equals(phases.region(k));
        }
        return analyze(map, compareWith, options, alpo4, phases.source(), alpo4Definition(phases));
    }

    private static MapAnalysis analyze(MapFile map, Optional<PhaseMap> groundTruth, Options options,
            boolean[] maskPixels, String givenSource, String givenDefinition) throws IOException {
        Grid grid = map.grid();
        int n = grid.pixelCount();
        List<String> notes = new ArrayList<>();
        BitSet stored = map.completedPixels();
        boolean complete = map.isComplete();
        if (stored.cardinality() == 0) {
            notes.add("no pixel is stored: nothing but the topography can be analysed");
        } else if (stored.cardinality() < n) {
            notes.add(String.format(Locale.ROOT, "incomplete map: %d of %d pixels stored; the statistics use the stored "
                    + "pixels, the unmeasured ones are left out (and break no AlPO4 cluster)", stored.cardinality(), n));
        }
        double[] onset = map.onsetBias();
        Termination[] terminations = map.terminations();
        boolean[] measured = new boolean[n];
        boolean[] nucleated = new boolean[n];
        int nucleatedCount = 0;
        for (int k = 0; k < n; k++) {
            measured[k] = stored.get(k) && terminations[k] != null
                    && (terminations[k] == Termination.COMPLETED || terminations[k] == Termination.CUTOFF);
            nucleated[k] = measured[k] && Double.isFinite(onset[k]);
            nucleatedCount += nucleated[k] ? 1 : 0;
            if (!measured[k]) {
                onset[k] = Double.NaN;
            }
        }

        // ---- topography
        Registration.Difference difference = null;
        double swelling = Double.NaN;
        Optional<TopographyImage> before = map.topography("before");
        Optional<TopographyImage> after = map.topography("after");
        if (before.isEmpty() || after.isEmpty()) {
            notes.add("no topography " + (before.isEmpty() && after.isEmpty() ? "before or after the map"
                    : before.isEmpty() ? "before the map" : "after the map")
                    + ": registration, difference image, particles and transference number skipped");
        } else {
            try {
                int shift = Math.max(0, Math.min(Registration.searchPoints(options.maxShift(), grid.dx(), before.get()),
                        (Math.min(before.get().nx(), before.get().ny()) - 4) / 2));
                difference = Registration.difference(before.get(), after.get(), shift);
                double[] d = Arrays.stream(difference.image().height()).filter(Double::isFinite).sorted().toArray();
                swelling = d.length == 0 ? Double.NaN : d[d.length / 2];
            } catch (IllegalArgumentException e) {
                notes.add("topography not registered: " + e.getMessage() + "; particles skipped");
            }
        }

        // ---- particles and transference
        ParticleDetection particles = null;
        List<int[]> particleRamps = new ArrayList<>();
        List<Transference.Point> points = new ArrayList<>();
        Transference.SlopeFit fit = null;
        if (difference != null) {
            particles = options.detector().detect(difference.image());
            List<List<Integer>> ramps = new ArrayList<>();
            particles.particles().forEach(p -> ramps.add(new ArrayList<>()));
            int onParticles = 0;
            int ramped = 0;
            for (int k = 0; k < n; k++) {
                // every ramp that ran (stopped by its rule or to its end) may have grown Li: an
                // uncontrolled sweep has no onset, yet its particle is the largest of all
                if (!measured[k]) {
                    continue;
                }
                ramped++;
                int label = particleAt(particles, grid.x(grid.i(k)), grid.y(grid.j(k)));
                if (label > 0) {
                    ramps.get(label - 1).add(k);
                    onParticles++;
                }
            }
            ramps.forEach(r -> particleRamps.add(r.stream().mapToInt(Integer::intValue).toArray()));
            int isolated = 0;
            for (DetectedParticle p : particles.particles()) {
                int[] r = particleRamps.get(p.label() - 1);
                if (r.length != 1) {
                    continue;
                }
                isolated++;
                Curve c = map.curve(r[0]);
                double charge = CurveCharge.cathodicCharge(c.time(), c.bias(), c.current(), c.size());
                points.add(new Transference.Point(p.label(), r, Transference.lithiumAtoms(p.volume()),
                        CurveCharge.electrons(charge)));
            }
            // ramps that grew Li: those a rule stopped, and in an uncontrolled map every ramp that ran
            boolean uncontrolled = uncontrolled(map);
            int grew = 0;
            for (int k = 0; k < n; k++) {
                grew += nucleated[k] || (uncontrolled && measured[k]) ? 1 : 0;
            }
            if (grew > 0 && isolated < grew / 2) {
                notes.add(String.format(Locale.ROOT, "%d of %d ramps that grew Li lie on a particle of their own (%d "
                        + "of %d ramps on any particle, %d particles): where the pixel spacing is below the particle "
                        + "size the deposits merge and an image holds less Li than the ramps deposited, so the "
                        + "transference plot uses only the isolated ones; use a sparse array of sweeps for it",
                        isolated, grew, onParticles, ramped, particles.particles().size()));
            }
            if (points.size() >= 2) {
                fit = Transference.fit(points);
            } else {
                notes.add("transference number skipped: " + points.size() + " particle(s) hold exactly one ramp, 2 needed");
            }
        }

        // ---- tip deconvolution of the particle volumes: the slope takes the corrected ones
        TipCorrection tip;
        TipRadius radius = tipRadius(map, options.tipRadius());
        if (particles == null) {
            tip = new TipCorrection(radius.metres(), radius.source(), null, null, List.of(), null);
        } else if (radius.metres() <= 0) {
            tip = TipCorrection.none(radius.source());
        } else {
            // the drift found on the recorded images: erosion moves no feature, only lowers its flanks
            TopographyImage eroded = Registration.difference(TipDeconvolution.erode(before.get(), radius.metres()),
                    TipDeconvolution.erode(after.get(), radius.metres()), difference.shift()).image();
            double[] volumes = options.detector().volumesIn(particles, eroded);
            List<Transference.Point> corrected = new ArrayList<>();
            for (Transference.Point p : points) {
                corrected.add(new Transference.Point(p.label(), p.ramps(), Transference.lithiumAtoms(volumes[p.label() - 1]),
                        p.electrons()));
            }
            tip = new TipCorrection(radius.metres(), radius.source(), eroded, volumes, points, fit);
            points = corrected;
            fit = points.size() >= 2 ? Transference.fit(points) : null;
        }

        // ---- phases
        PhaseMap phases = null;
        String phaseSource = null;
        boolean[] alpo4 = null;
        if (maskPixels != null) {
            if (maskPixels.length != n) {
                throw new IllegalArgumentException("the mask has " + maskPixels.length + " pixels, the map " + n);
            }
            alpo4 = maskPixels.clone();
            phaseSource = givenSource;
        } else if (nucleatedCount == 0) {
            notes.add(stored.cardinality() == 0 ? "no phases: no pixel stored"
                    : uncontrolled(map) ? "uncontrolled sweeps (no cutoff rule): no ramp has an onset, so AlPO4 "
                            + "cannot be told from the matrix by never-nucleating clusters and there is no onset to "
                            + "compare (give a mask with --mask to see the phases)"
                    : "no pixel nucleated: AlPO4 cannot be told from the matrix by never-nucleating clusters, and "
                            + "there is no onset to compare (give a mask with --mask to see the phases)");
        } else {
            alpo4 = options.clusters().alpo4(grid, measured, nucleated);
            phaseSource = "data: clusters of never-nucleating pixels";
        }
        double[] distance = null;
        Map<String, MapAnalysis.Region> byRegion = new LinkedHashMap<>();
        List<OnsetByDistance.Bin> bins = List.of();
        RankSum test = null;
        double agreement = Double.NaN;
        String truthSource = null;
        if (alpo4 != null) {
            distance = BoundaryDistance.toAlpo4(grid, alpo4);
            String[] regions = new String[n];
            for (int k = 0; k < n; k++) {
                if (alpo4[k]) {
                    regions[k] = PhaseMap.ALPO4;
                } else if (measured[k]) {
                    regions[k] = distance[k] <= options.clusters().boundaryBand() ? PhaseMap.BOUNDARY : PhaseMap.MATRIX;
                }
            }
            phases = new PhaseMap(grid, regions, String.format(Locale.ROOT, "alpo4: %s; boundary: LICGC within %.0f nm "
                    + "of it; matrix: the rest", maskPixels != null ? givenDefinition
                            : "clusters of never-nucleating pixels", options.clusters().boundaryBand() * 1e9),
                    phaseSource);
            for (String region : PhaseMap.STANDARD_REGIONS) {
                int pixels = 0;
                int nuc = 0;
                List<Double> v = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    if (measured[k] && region.equals(regions[k])) {
                        pixels++;
                        if (nucleated[k]) {
                            nuc++;
                            v.add(onset[k]);
                        }
                    }
                }
                byRegion.put(region, new MapAnalysis.Region(pixels, pixels == 0 ? Double.NaN : (double) nuc / pixels,
                        median(v)));
            }
            if (Arrays.stream(distance).allMatch(Double::isInfinite)) {
                notes.add("no AlPO4 found" + (maskPixels != null ? " in " + givenSource : " (no cluster of never-nucleating "
                        + "pixels is large enough)") + ": onset against distance and the boundary test skipped");
            } else {
                bins = OnsetByDistance.bins(distance, onset, options.binWidth(), options.maxDistance(),
                        options.resamples(), options.seed());
                List<Double> band = new ArrayList<>();
                List<Double> matrix = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    if (nucleated[k] && !alpo4[k]) {
                        (PhaseMap.BOUNDARY.equals(regions[k]) ? band : matrix).add(onset[k]);
                    }
                }
                if (band.size() >= RankSum.MINIMUM_SAMPLE && matrix.size() >= RankSum.MINIMUM_SAMPLE) {
                    test = RankSum.test(band.stream().mapToDouble(Double::doubleValue).toArray(),
                            matrix.stream().mapToDouble(Double::doubleValue).toArray());
                } else {
                    notes.add("boundary test skipped: " + band.size() + " nucleated pixels in the boundary band and "
                            + matrix.size() + " in the matrix, " + RankSum.MINIMUM_SAMPLE + " needed in each");
                }
            }
            if (groundTruth.isPresent()) {
                PhaseMap truth = groundTruth.get();
                int agree = 0;
                int compared = 0;
                for (int k = 0; k < n; k++) {
                    String t = truth.region(k);
                    if (t != null) {
                        compared++;
                        agree += PhaseMap.ALPO4.equals(t) == alpo4[k] ? 1 : 0;
                    }
                }
                agreement = compared == 0 ? Double.NaN : (double) agree / compared;
                truthSource = truth.source();
            }
        }
        return new MapAnalysis(grid, stored.cardinality(), complete, notes, difference, swelling, particles,
                particleRamps, points, fit, onset, phases, phaseSource, distance, byRegion, bins, test, agreement,
                truthSource, tip);
    }

    /** What AlPO4 is in the phase map's definition ("alpo4: WHAT; boundary: …"), else where it comes from. */
    private static String alpo4Definition(PhaseMap phases) {
        String d = phases.definition();
        if (d.startsWith(PhaseMap.ALPO4 + ": ")) {
            int end = d.indexOf(';');
            return d.substring(PhaseMap.ALPO4.length() + 2, end < 0 ? d.length() : end);
        }
        return "the AlPO4 of " + phases.source();
    }

    /**
     * The particle a ramp at (x, y) belongs to: the one under that stage position, else the one whose
     * centroid is nearest within its equivalent radius (the ramp's spot can fall just outside the
     * thresholded outline, e.g. by the drift between the ramp and the after image); 0: none.
     */
    static int particleAt(ParticleDetection particles, double x, double y) {
        int label = particles.labelAt(x, y);
        if (label > 0) {
            return label;
        }
        double best = Double.POSITIVE_INFINITY;
        for (DetectedParticle p : particles.particles()) {
            double d = Math.hypot(p.x() - x, p.y() - y);
            if (d <= p.equivalentRadius() && d < best) {
                best = d;
                label = p.label();
            }
        }
        return label;
    }

    private static final java.util.regex.Pattern NO_CUTOFF = java.util.regex.Pattern
            .compile("\"cutoff\"\\s*:\\s*\"none\"");

    /** True when the map's recipe (attribute {@code recipe}) has no cutoff rule: uncontrolled sweeps. */
    static boolean uncontrolled(MapFile map) {
        String recipe = map.attributes().get(org.onset.map.api.MapAttributes.RECIPE);
        return recipe != null && NO_CUTOFF.matcher(recipe).find();
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }
}
