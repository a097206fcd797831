package org.onset.analysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.onset.map.api.Grid;

/**
 * Which region of the sample each pixel of a map lies in, with what the regions mean and where
 * the map came from. Region names are short lower-case words; the paper's three are
 * {@link #ALPO4}, {@link #BOUNDARY} and {@link #MATRIX}. Immutable.
 */
public final class PhaseMap {

    /** Inside an AlPO4 grain (the minor phase, no Li⁺: no nucleation). */
    public static final String ALPO4 = "alpo4";
    /** LICGC matrix close to AlPO4 or to a grain boundary, where the onset is lowered. */
    public static final String BOUNDARY = "boundary";
    /** The rest of the LICGC matrix. */
    public static final String MATRIX = "matrix";
    /** The paper's regions, in the order figures list them. */
    public static final List<String> STANDARD_REGIONS = List.of(ALPO4, BOUNDARY, MATRIX);

    private final Grid grid;
    private final String[] regions;
    private final String definition;
    private final String source;

    /**
     * @param grid       the map's grid (the regions are of its pixel centres)
     * @param regions    per storage index of the grid, the region's name; null where the pixel is not
     *                   classified (e.g. outside a mask)
     * @param definition what the regions mean, in words (e.g. the distances that make a boundary)
     * @param source     where the map comes from, in words (e.g. "simulated sample, seed 1")
     * @throws IllegalArgumentException when the sizes disagree or a text is blank
     */
    public PhaseMap(Grid grid, String[] regions, String definition, String source) {
        this.grid = Objects.requireNonNull(grid, "grid");
        if (regions.length != grid.pixelCount()) {
            throw new IllegalArgumentException("a phase map of a " + grid.nx() + " x " + grid.ny() + " grid needs "
                    + grid.pixelCount() + " regions, got " + regions.length);
        }
        for (String r : regions) {
            if (r != null && r.isBlank()) {
                throw new IllegalArgumentException("a region name must not be blank (null: not classified)");
            }
        }
        if (definition == null || definition.isBlank() || source == null || source.isBlank()) {
            throw new IllegalArgumentException("a phase map needs its definition and its source in words");
        }
        this.regions = regions.clone();
        this.definition = definition;
        this.source = source;
    }

    public Grid grid() {
        return grid;
    }

    /** The region of the pixel at that storage index; null when not classified. */
    public String region(int index) {
        if (index < 0 || index >= regions.length) {
            throw new IndexOutOfBoundsException("pixel index " + index + " is outside 0.." + (regions.length - 1));
        }
        return regions[index];
    }

    /** The region of every pixel, by storage index (a copy). */
    public String[] regions() {
        return regions.clone();
    }

    /** The paper's three regions first (present or not), then any others in order of first appearance. */
    public List<String> regionNames() {
        Set<String> names = new LinkedHashSet<>(STANDARD_REGIONS);
        for (String r : regions) {
            if (r != null) {
                names.add(r);
            }
        }
        return List.copyOf(names);
    }

    /** What the regions mean, in words. */
    public String definition() {
        return definition;
    }

    /** Where this phase map comes from, in words. */
    public String source() {
        return source;
    }
}
