package org.onset.analysis.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.PhaseMapProvider;
import org.onset.analysis.PhaseMapProviders;
import org.onset.analysis.UserMasks;
import org.onset.analysis.phases.BoundaryDistance;
import org.onset.analysis.phases.NeverNucleatingClusters;
import org.onset.analysis.report.UserMask;
import org.onset.io.api.Channel;
import org.onset.io.api.Image;
import org.onset.io.api.ImportException;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The phases of a user's AlPO4 mask, for the map file the mask is bound to ({@link UserMasks}):
 * non-zero mask pixels are AlPO4, LICGC within 25 nm of them "boundary", the rest "matrix". Ranked
 * 200, over the simulator's ground truth and the data's estimate: a mask is the user's explicit
 * statement about this sample. Text and images are read by {@link UserMask}, Gwyddion {@code .gsf}
 * through the SPM importer when an importer registry runs.
 */
@Component(service = { PhaseMapProvider.class, UserMasks.class }, property = {
        PhaseMapProviders.ID + "=" + PhaseMapProviders.MASK, Constants.SERVICE_RANKING + ":Integer=200" })
public final class UserMaskPhaseMaps implements PhaseMapProvider, UserMasks {

    /** Endings of masks found beside a map file by name: {@code NAME.mask.ENDING} beside {@code NAME.h5}. */
    static final List<String> ENDINGS = List.of("png", "gif", "bmp", "gsf", "txt", "csv");
    /** How long a .gsf mask waits for the importer registry (it may start after this component). */
    private static final long REGISTRY_WAIT_MS = 3_000;

    private final Map<Path, Path> bound = new ConcurrentHashMap<>();
    private final double boundaryBand = NeverNucleatingClusters.defaults().boundaryBand();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ImporterRegistry importers;

    @Activate
    public UserMaskPhaseMaps() {
    }

    @Override
    public void bind(MapFile map, Path mask) throws IOException {
        if (!Files.isRegularFile(mask)) {
            throw new IOException("mask " + mask + " does not exist");
        }
        read(mask, map.grid()); // refuses a mask of the wrong size now, not at the next analysis
        bound.put(key(map.file()), mask.toAbsolutePath().normalize());
    }

    @Override
    public void unbind(Path mapFile) {
        bound.remove(key(mapFile));
    }

    @Override
    public Optional<Path> mask(Path mapFile) {
        Path explicit = bound.get(key(mapFile));
        if (explicit != null) {
            return Optional.of(explicit);
        }
        Path abs = key(mapFile);
        String name = abs.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".h5") ? name.substring(0, name.length() - 3) : name;
        for (String ending : ENDINGS) {
            Path beside = abs.resolveSibling(stem + ".mask." + ending);
            if (Files.isRegularFile(beside)) {
                return Optional.of(beside);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<PhaseMap> phaseMap(MapFile map) throws IOException {
        Optional<Path> mask = mask(map.file());
        if (mask.isEmpty()) {
            return Optional.empty();
        }
        Grid grid = map.grid();
        boolean[] alpo4 = read(mask.get(), grid);
        double[] distance = BoundaryDistance.toAlpo4(grid, alpo4);
        String[] regions = new String[grid.pixelCount()];
        for (int k = 0; k < regions.length; k++) {
            regions[k] = alpo4[k] ? PhaseMap.ALPO4 : distance[k] <= boundaryBand ? PhaseMap.BOUNDARY : PhaseMap.MATRIX;
        }
        return Optional.of(new PhaseMap(grid, regions, String.format(Locale.ROOT,
                "alpo4: the mask's non-zero pixels; boundary: LICGC within %.0f nm of it; matrix: the rest",
                boundaryBand * 1e9), "mask " + mask.get()));
    }

    /**
     * The mask's pixels: text and images by {@link UserMask}, SPM files (.gsf) through the importers.
     *
     * @throws IllegalArgumentException when its size is not the grid's (naming both)
     */
    boolean[] read(Path mask, Grid grid) throws IOException {
        String name = mask.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".gsf")) {
            return UserMask.read(mask, grid);
        }
        ImporterRegistry registry = importers;
        long deadline = System.currentTimeMillis() + REGISTRY_WAIT_MS;
        while (registry == null && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the importers to read mask " + mask);
            }
            registry = importers;
        }
        if (registry == null) {
            throw new IOException("a .gsf mask needs the SPM importer, and no importers are installed");
        }
        Imported imported;
        try {
            imported = registry.open(mask);
        } catch (ImportException e) {
            throw new IOException("mask " + mask + ": " + e.getMessage(), e);
        }
        if (!(imported.data() instanceof Image image)) {
            throw new IOException("mask " + mask + " is a " + imported.data().kind() + ", not an image");
        }
        Channel c = image.channels().get(0);
        return UserMask.fromImage(mask, image.nx(), image.ny(), c.z(), grid);
    }

    private static Path key(Path mapFile) {
        return mapFile.toAbsolutePath().normalize();
    }
}
