package org.onset.analysis.hdf5.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.particles.DetectedParticle;
import org.onset.analysis.particles.Transference;
import org.onset.analysis.phases.OnsetByDistance;
import org.onset.analysis.report.AnalysisStore;
import org.onset.analysis.report.MapAnalysis;
import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.Grid;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import ch.systemsx.cisd.hdf5.HDF5Factory;
import ch.systemsx.cisd.hdf5.IHDF5Writer;

/**
 * The analysis results in a sidecar HDF5 file {@code NAME.analysis.h5} beside the map file (layout:
 * MAPFILE.md, "Analysis results"). A sidecar rather than a group in the map file: the map file is
 * locked while it is acquired, may be open in other readers, and its checksummed acquisition data
 * must never be rewritten by an analysis. Written to a temporary file in the same folder and moved
 * over the old sidecar, so a reader sees the old results or the new ones, never half of them.
 * Every dataset carries a {@code units} attribute ("1" for counts and fractions, "" for labels).
 */
@Component(service = AnalysisStore.class)
public final class Hdf5AnalysisStore implements AnalysisStore {

    /** Value of the root attribute {@code format}. */
    static final String FORMAT = "onset-map-analysis";
    /** Value of the root attribute {@code format_version}; raise it when the layout changes. */
    static final int FORMAT_VERSION = 1;
    /** Region codes of {@code /phases/region}: index = code. */
    static final List<String> REGION_CODES = List.of("unclassified", PhaseMap.ALPO4, PhaseMap.BOUNDARY, PhaseMap.MATRIX);

    @Activate
    public Hdf5AnalysisStore() {
    }

    @Override
    public Path write(Path mapFile, MapAnalysis a) throws IOException {
        Path file = AnalysisStore.sidecar(mapFile);
        Path dir = file.getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        Files.delete(tmp); // jhdf5 creates the file itself
        try {
            try (IHDF5Writer w = HDF5Factory.open(tmp.toFile())) {
                root(w, mapFile, a);
                topography(w, a);
                particles(w, a);
                transference(w, a);
                phases(w, a);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot write the analysis as HDF5: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    private static void root(IHDF5Writer w, Path mapFile, MapAnalysis a) {
        w.string().setAttr("/", "format", FORMAT);
        w.int32().setAttr("/", "format_version", FORMAT_VERSION);
        w.string().setAttr("/", "map_file", mapFile.getFileName().toString());
        w.string().setAttr("/", "created", Instant.now().toString());
        w.int32().setAttr("/", "pixels_stored", a.storedPixels());
        w.int8().setAttr("/", "complete", (byte) (a.complete() ? 1 : 0));
        w.int32().setAttr("/", "notes_count", a.notes().size());
        Grid g = a.grid();
        w.object().createGroup("/grid");
        w.int32().setAttr("/grid", "nx", g.nx());
        w.int32().setAttr("/grid", "ny", g.ny());
        w.float64().setAttr("/grid", "x0_m", g.x0());
        w.float64().setAttr("/grid", "y0_m", g.y0());
        w.float64().setAttr("/grid", "dx_m", g.dx());
        w.float64().setAttr("/grid", "dy_m", g.dy());
        strings(w, "/notes", a.notes().toArray(String[]::new));
        w.float64().writeMatrix("/onset_bias_V", matrix(g, a.onsetBias()));
        units(w, "/onset_bias_V", "V");
        w.string().setAttr("/onset_bias_V", "dimensions", "row j (y), column i (x); NaN: not nucleated or not measured");
    }

    private static void topography(IHDF5Writer w, MapAnalysis a) {
        if (a.difference() == null) {
            return;
        }
        w.object().createGroup("/topography");
        TopographyImage d = a.difference().image();
        w.float64().writeMatrix("/topography/difference_m", image(d));
        units(w, "/topography/difference_m", "m");
        w.string().setAttr("/topography/difference_m", "dimensions", "row j (y), column i (x): after - before, "
                + "after registered on before; NaN outside the overlap");
        imageGrid(w, "/topography/difference_m", d);
        w.float64().setAttr("/topography", "shift_x_m", a.difference().shift().xMetres());
        w.float64().setAttr("/topography", "shift_y_m", a.difference().shift().yMetres());
        w.float64().setAttr("/topography", "correlation", a.difference().shift().correlation());
        w.float64().setAttr("/topography", "swelling_median_m", a.swellingMedian());
    }

    private static void particles(IHDF5Writer w, MapAnalysis a) {
        if (a.particles() == null) {
            return;
        }
        w.object().createGroup("/particles");
        w.int32().setAttr("/particles", "count", a.particles().particles().size());
        w.float64().setAttr("/particles", "background_m", a.particles().background());
        w.float64().setAttr("/particles", "noise_m", a.particles().noise());
        w.float64().setAttr("/particles", "threshold_m", a.particles().threshold());
        List<DetectedParticle> ps = a.particles().particles();
        int n = ps.size();
        int[] label = new int[n];
        int[] pixels = new int[n];
        int[] ramps = new int[n];
        double[][] v = new double[6][n];
        for (int k = 0; k < n; k++) {
            DetectedParticle p = ps.get(k);
            label[k] = p.label();
            pixels[k] = p.pixels();
            ramps[k] = p.label() - 1 < a.particleRamps().size() ? a.particleRamps().get(p.label() - 1).length : 0;
            v[0][k] = p.volume();
            v[1][k] = p.height();
            v[2][k] = p.equivalentRadius();
            v[3][k] = p.x();
            v[4][k] = p.y();
            v[5][k] = p.baseline();
        }
        ints(w, "/particles/label", label, "");
        ints(w, "/particles/image_pixels", pixels, "1");
        ints(w, "/particles/ramps", ramps, "1");
        doubles(w, "/particles/volume_m3", v[0], "m^3");
        doubles(w, "/particles/height_m", v[1], "m");
        doubles(w, "/particles/equivalent_radius_m", v[2], "m");
        doubles(w, "/particles/centroid_x_m", v[3], "m");
        doubles(w, "/particles/centroid_y_m", v[4], "m");
        doubles(w, "/particles/baseline_m", v[5], "m");
        // the tip correction: the radius (0: none) and where it comes from; the corrected volumes when applied
        w.float64().setAttr("/particles", "tip_radius_m", a.tip().radius());
        w.string().setAttr("/particles", "tip_radius_source", a.tip().source());
        if (a.tip().applied()) {
            double[] corrected = new double[n];
            for (int k = 0; k < n; k++) {
                corrected[k] = a.tip().volume(ps.get(k).label());
            }
            doubles(w, "/particles/volume_tip_corrected_m3", corrected, "m^3");
            if (n > 0) {
                w.string().setAttr("/particles/volume_tip_corrected_m3", "method", "volume above the local baseline "
                        + "over the particle's points in after - before of the images eroded by a sphere of radius "
                        + "tip_radius_m (certainty-free reconstruction); volume_m3 is as recorded (tip-dilated)");
            }
        }
        TopographyImage img = a.particles().image();
        w.int32().writeMatrix("/particles/labels", intImage(img.nx(), img.ny(), a.particles().labels()));
        units(w, "/particles/labels", "");
        w.string().setAttr("/particles/labels", "dimensions", "row j (y), column i (x) of the difference image: "
                + "0 background, k > 0 particle label k");
        imageGrid(w, "/particles/labels", img);
    }

    private static void transference(IHDF5Writer w, MapAnalysis a) {
        List<Transference.Point> pts = a.transference();
        if (pts.isEmpty() && a.fit() == null) {
            return;
        }
        w.object().createGroup("/transference");
        w.int32().setAttr("/transference", "points", pts.size());
        int[] label = new int[pts.size()];
        int[] ramp = new int[pts.size()];
        double[] atoms = new double[pts.size()];
        double[] electrons = new double[pts.size()];
        for (int k = 0; k < pts.size(); k++) {
            label[k] = pts.get(k).label();
            ramp[k] = pts.get(k).ramps().length == 0 ? -1 : pts.get(k).ramps()[0];
            atoms[k] = pts.get(k).atoms();
            electrons[k] = pts.get(k).electrons();
        }
        ints(w, "/transference/particle_label", label, "");
        ints(w, "/transference/pixel_index", ramp, "");
        doubles(w, "/transference/li_atoms", atoms, "1");
        doubles(w, "/transference/electrons", electrons, "1");
        w.string().setAttr("/transference", "volumes", a.tip().applied()
                ? "tip-corrected: li_atoms from /particles/volume_tip_corrected_m3" : "as recorded: no tip correction");
        if (a.tip().applied()) {
            doubles(w, "/transference/li_atoms_uncorrected",
                    a.tip().uncorrected().stream().mapToDouble(Transference.Point::atoms).toArray(), "1");
            if (a.tip().uncorrectedFit() != null) {
                w.float64().setAttr("/transference", "uncorrected_slope_li_per_electron", a.tip().uncorrectedFit().slope());
                w.float64().setAttr("/transference", "uncorrected_ci95_low", a.tip().uncorrectedFit().low());
                w.float64().setAttr("/transference", "uncorrected_ci95_high", a.tip().uncorrectedFit().high());
            }
        }
        if (a.fit() != null) {
            w.float64().setAttr("/transference", "slope_li_per_electron", a.fit().slope());
            w.float64().setAttr("/transference", "ci95_low", a.fit().low());
            w.float64().setAttr("/transference", "ci95_high", a.fit().high());
            w.float64().setAttr("/transference", "standard_error", a.fit().standardError());
        }
    }

    private static void phases(IHDF5Writer w, MapAnalysis a) {
        if (a.phases() == null) {
            return;
        }
        Grid g = a.grid();
        w.object().createGroup("/phases");
        w.string().setAttr("/phases", "source", a.phaseSource());
        w.string().setAttr("/phases", "definition", a.phases().definition());
        if (a.groundTruthSource() != null) {
            w.string().setAttr("/phases", "ground_truth", a.groundTruthSource());
            w.float64().setAttr("/phases", "agreement_with_ground_truth", a.groundTruthAgreement());
        }
        byte[][] region = new byte[g.ny()][g.nx()];
        for (int k = 0; k < g.pixelCount(); k++) {
            String r = a.phases().region(k);
            int code = r == null ? 0 : REGION_CODES.indexOf(r);
            region[g.j(k)][g.i(k)] = (byte) (code < 0 ? 0 : code);
        }
        w.int8().writeMatrix("/phases/region", region);
        units(w, "/phases/region", "");
        w.string().setAttr("/phases/region", "codes", "0 unclassified, 1 alpo4, 2 boundary, 3 matrix");
        w.string().setAttr("/phases/region", "dimensions", "row j (y), column i (x)");
        if (a.distance() != null) {
            w.float64().writeMatrix("/phases/distance_to_alpo4_m", matrix(g, a.distance()));
            units(w, "/phases/distance_to_alpo4_m", "m");
            w.string().setAttr("/phases/distance_to_alpo4_m", "dimensions",
                    "row j (y), column i (x); 0 inside AlPO4, +Inf when there is no AlPO4");
        }
        List<Map.Entry<String, MapAnalysis.Region>> rs = List.copyOf(a.byRegion().entrySet());
        strings(w, "/phases/by_region/name", rs.stream().map(Map.Entry::getKey).toArray(String[]::new));
        ints(w, "/phases/by_region/pixels", rs.stream().mapToInt(e -> e.getValue().pixels()).toArray(), "1");
        doubles(w, "/phases/by_region/nucleated_fraction",
                rs.stream().mapToDouble(e -> e.getValue().nucleatedFraction()).toArray(), "1");
        doubles(w, "/phases/by_region/median_onset_V",
                rs.stream().mapToDouble(e -> e.getValue().medianOnset()).toArray(), "V");
        List<OnsetByDistance.Bin> bins = a.bins();
        if (!bins.isEmpty()) {
            String b = "/phases/onset_by_distance/";
            doubles(w, b + "from_m", bins.stream().mapToDouble(OnsetByDistance.Bin::from).toArray(), "m");
            doubles(w, b + "to_m", bins.stream().mapToDouble(OnsetByDistance.Bin::to).toArray(), "m");
            ints(w, b + "pixels", bins.stream().mapToInt(OnsetByDistance.Bin::pixels).toArray(), "1");
            doubles(w, b + "median_onset_V", bins.stream().mapToDouble(OnsetByDistance.Bin::median).toArray(), "V");
            doubles(w, b + "ci95_low_V", bins.stream().mapToDouble(OnsetByDistance.Bin::low).toArray(), "V");
            doubles(w, b + "ci95_high_V", bins.stream().mapToDouble(OnsetByDistance.Bin::high).toArray(), "V");
        }
        if (a.boundaryVsMatrix() != null) {
            w.object().createGroup("/phases/mann_whitney_boundary_vs_matrix");
            String m = "/phases/mann_whitney_boundary_vs_matrix";
            w.float64().setAttr(m, "u", a.boundaryVsMatrix().u());
            w.float64().setAttr(m, "z", a.boundaryVsMatrix().z());
            w.float64().setAttr(m, "p_two_sided", a.boundaryVsMatrix().p());
            w.int32().setAttr(m, "boundary_pixels", a.boundaryVsMatrix().na());
            w.int32().setAttr(m, "matrix_pixels", a.boundaryVsMatrix().nb());
        }
    }

    // ---- helpers

    private static void units(IHDF5Writer w, String path, String units) {
        w.string().setAttr(path, "units", units);
    }

    /*
     * One-dimensional tables: an empty one is left out (a reader tests for the dataset; the group's
     * attributes still say what was found), as zero-length datasets are awkward in several readers.
     */

    private static void doubles(IHDF5Writer w, String path, double[] values, String units) {
        if (values.length > 0) {
            w.float64().writeArray(path, values);
            units(w, path, units);
        }
    }

    private static void ints(IHDF5Writer w, String path, int[] values, String units) {
        if (values.length > 0) {
            w.int32().writeArray(path, values);
            units(w, path, units);
        }
    }

    private static void strings(IHDF5Writer w, String path, String[] values) {
        if (values.length > 0) {
            w.string().writeArrayVL(path, values);
            units(w, path, "");
        }
    }

    private static void imageGrid(IHDF5Writer w, String path, TopographyImage img) {
        w.float64().setAttr(path, "x0_m", img.x0());
        w.float64().setAttr(path, "y0_m", img.y0());
        w.float64().setAttr(path, "dx_m", img.dx());
        w.float64().setAttr(path, "dy_m", img.dy());
    }

    /** Per-pixel values by storage index as [ny][nx] (row j, column i). */
    private static double[][] matrix(Grid g, double[] byIndex) {
        double[][] m = new double[g.ny()][g.nx()];
        for (int k = 0; k < g.pixelCount(); k++) {
            m[g.j(k)][g.i(k)] = byIndex[k];
        }
        return m;
    }

    private static double[][] image(TopographyImage img) {
        double[][] m = new double[img.ny()][img.nx()];
        for (int j = 0; j < img.ny(); j++) {
            for (int i = 0; i < img.nx(); i++) {
                m[j][i] = img.at(i, j);
            }
        }
        return m;
    }

    private static int[][] intImage(int nx, int ny, int[] rowMajor) {
        int[][] m = new int[ny][nx];
        for (int j = 0; j < ny; j++) {
            System.arraycopy(rowMajor, j * nx, m[j], 0, nx);
        }
        return m;
    }
}
