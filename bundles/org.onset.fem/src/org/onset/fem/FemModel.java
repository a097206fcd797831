package org.onset.fem;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A conductive tip in contact with a dielectric slab that holds dielectric inclusions, inside an
 * air box: the electrostatics of the paper's Fig. 6. Coordinates in nm: the slab's top surface is
 * z = 0 with the slab below it, centred on the tip axis x = y = 0; the slab bottom is grounded and
 * the tip is at {@link #biasV()}. {@link #dxNm()} shifts every inclusion by +dx along x relative to
 * the tip (the lateral offset of Fig. 6b). Immutable; {@link #validate()} says what is wrong.
 *
 * @param name           a title for files and reports
 * @param slab           the dielectric slab
 * @param inclusions     inclusions flush with the top surface (none is allowed)
 * @param tip            the tip's shape and how far it is pressed into the surface
 * @param biasV          tip potential in V (the slab bottom is 0 V)
 * @param dxNm           lateral offset of the inclusions along x, in nm
 * @param airHeightNm    height of the air box above the slab, in nm (same footprint as the slab)
 * @param mesh           target element sizes
 * @param probeDepthsNm  depths below the surface on the tip axis at which |E| is reported, in nm (positive)
 */
public record FemModel(String name, Slab slab, List<Inclusion> inclusions, Tip tip, double biasV, double dxNm,
        double airHeightNm, MeshSizes mesh, List<Double> probeDepthsNm) {

    /** The depths of Fig. 6b, nm. */
    public static final List<Double> FIG6_DEPTHS_NM = List.of(10.0, 50.0, 100.0);

    public FemModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(slab, "slab");
        Objects.requireNonNull(tip, "tip");
        Objects.requireNonNull(mesh, "mesh");
        inclusions = List.copyOf(inclusions);
        probeDepthsNm = List.copyOf(probeDepthsNm);
    }

    /** The dielectric slab: a box of width (x) × depth (y) × thickness (z) below z = 0. */
    public record Slab(double widthNm, double depthNm, double thicknessNm, double permittivity) {
    }

    /** Inclusion shapes; both are flush with the top surface. */
    public enum Shape {
        /** half a sphere of the given radius below the surface */
        HEMISPHERE,
        /** an upright cylinder of the given radius and height below the surface */
        CYLINDER
    }

    /**
     * A dielectric inclusion centred at (x, y) on the top surface (before the offset dx).
     *
     * @param heightNm for a cylinder its height below the surface; ignored (0) for a hemisphere
     */
    public record Inclusion(double xNm, double yNm, double radiusNm, double permittivity, Shape shape,
            double heightNm) {
        public Inclusion {
            Objects.requireNonNull(shape, "shape");
        }

        /** How deep the inclusion reaches below the surface, nm. */
        public double reachNm() {
            return shape == Shape.HEMISPHERE ? radiusNm : heightNm;
        }
    }

    /**
     * A cone ending in a spherical apex that touches the sample.
     *
     * @param coneHalfAngleDeg half the opening angle of the cone, degrees
     * @param apexRadiusNm     radius of the spherical apex, nm
     * @param heightNm         height of the cone above the apex sphere, nm
     * @param indentationNm    how far the apex is pressed below the surface, nm: a contact of radius
     *                         √(2·r·δ). It must be positive: a sphere that only touches the plane
     *                         meets it in one point, and the field under a point contact depends on
     *                         the mesh, not on the physics
     */
    public record Tip(double coneHalfAngleDeg, double apexRadiusNm, double heightNm, double indentationNm) {
        /** z of the centre of the apex sphere, nm. */
        public double apexCentreZNm() {
            return apexRadiusNm - indentationNm;
        }

        /** Radius of the circle where the cone meets the apex sphere (tangentially), nm. */
        public double coneBaseRadiusNm() {
            return apexRadiusNm * Math.cos(Math.toRadians(coneHalfAngleDeg));
        }

        /** z where the cone meets the apex sphere, nm. */
        public double coneBaseZNm() {
            return apexCentreZNm() - apexRadiusNm * Math.sin(Math.toRadians(coneHalfAngleDeg));
        }

        /** Radius of the cone's top, nm. */
        public double topRadiusNm() {
            return coneBaseRadiusNm() + heightNm * Math.tan(Math.toRadians(coneHalfAngleDeg));
        }

        /** z of the cone's top, nm. */
        public double topZNm() {
            return coneBaseZNm() + heightNm;
        }
    }

    /**
     * Target element sizes, nm: far from everything, at the apex (growing away from it), and at the
     * inclusions' surfaces; {@code growth} scales how fast elements grow away from the apex and the
     * inclusions (1: the rates of the Gmsh export, 0.1 and 0.5 nm per nm of distance).
     */
    public record MeshSizes(double globalNm, double apexNm, double interfaceNm, double growth) {
        /** Sizes with the export's own growth rates. */
        public MeshSizes(double globalNm, double apexNm, double interfaceNm) {
            this(globalNm, apexNm, interfaceNm, 1);
        }

        /**
         * The same mesh with every size and growth rate divided by {@code factor}: elements are
         * {@code factor} times smaller everywhere (a refinement for convergence checks).
         */
        public MeshSizes refinedBy(double factor) {
            return new MeshSizes(globalNm / factor, apexNm / factor, interfaceNm / factor, growth / factor);
        }
    }

    /** This model with another lateral offset. */
    public FemModel withDx(double newDxNm) {
        return new FemModel(name, slab, inclusions, tip, biasV, newDxNm, airHeightNm, mesh, probeDepthsNm);
    }

    /** This model with other mesh sizes. */
    public FemModel withMesh(MeshSizes newMesh) {
        return new FemModel(name, slab, inclusions, tip, biasV, dxNm, airHeightNm, newMesh, probeDepthsNm);
    }

    /** This model with other inclusions. */
    public FemModel withInclusions(List<Inclusion> newInclusions) {
        return new FemModel(name, slab, newInclusions, tip, biasV, dxNm, airHeightNm, mesh, probeDepthsNm);
    }

    /**
     * Checks that the model describes a geometry the mesher can build and that means what it says.
     *
     * @throws FemModelException naming every problem found, one per line
     */
    public void validate() throws FemModelException {
        List<String> problems = new ArrayList<>();
        positive(problems, "slab.width_nm", slab.widthNm());
        positive(problems, "slab.depth_nm", slab.depthNm());
        positive(problems, "slab.thickness_nm", slab.thicknessNm());
        atLeastOne(problems, "slab.permittivity", slab.permittivity());
        positive(problems, "tip.apex_radius_nm", tip.apexRadiusNm());
        positive(problems, "tip.height_nm", tip.heightNm());
        positive(problems, "air.height_nm", airHeightNm);
        if (!(tip.coneHalfAngleDeg() >= 1 && tip.coneHalfAngleDeg() <= 80)) {
            problems.add("tip.cone_half_angle_deg must be between 1 and 80 degrees, got " + tip.coneHalfAngleDeg());
        }
        if (!(tip.indentationNm() > 0 && tip.indentationNm() < tip.apexRadiusNm())) {
            problems.add("tip.indentation_nm must be > 0 (a sphere that only touches the surface makes a point contact"
                    + " whose field depends on the mesh) and smaller than the apex radius " + tip.apexRadiusNm()
                    + " nm, got " + tip.indentationNm());
        }
        if (!Double.isFinite(biasV)) {
            problems.add("bias_V must be a number, got " + biasV);
        }
        if (!Double.isFinite(dxNm)) {
            problems.add("dx_nm must be a number, got " + dxNm);
        }
        if (tip.topZNm() >= airHeightNm) {
            problems.add(String.format("the tip (top at z = %.0f nm) must fit in the air box (height %.0f nm)",
                    tip.topZNm(), airHeightNm));
        }
        if (2 * tip.topRadiusNm() >= Math.min(slab.widthNm(), slab.depthNm())) {
            problems.add(String.format("the tip's cone (top diameter %.0f nm) must be narrower than the slab (%.0f x %.0f nm)",
                    2 * tip.topRadiusNm(), slab.widthNm(), slab.depthNm()));
        }
        positive(problems, "mesh.global_nm", mesh.globalNm());
        positive(problems, "mesh.apex_nm", mesh.apexNm());
        positive(problems, "mesh.interface_nm", mesh.interfaceNm());
        positive(problems, "mesh.growth", mesh.growth());
        if (mesh.apexNm() > tip.apexRadiusNm()) {
            problems.add(String.format("mesh.apex_nm (%.3g nm) is larger than the apex radius (%.3g nm): the apex would"
                    + " not be resolved", mesh.apexNm(), tip.apexRadiusNm()));
        }
        if (mesh.apexNm() > mesh.globalNm() || mesh.interfaceNm() > mesh.globalNm()) {
            problems.add("mesh.apex_nm and mesh.interface_nm must not exceed mesh.global_nm (" + mesh.globalNm() + " nm)");
        }
        for (double d : probeDepthsNm) {
            if (!(d > 0 && d < slab.thicknessNm())) {
                problems.add("probe depth " + d + " nm must be inside the slab (0 < depth < " + slab.thicknessNm() + " nm)");
            }
        }
        for (int i = 0; i < inclusions.size(); i++) {
            Inclusion inc = inclusions.get(i);
            String at = "inclusions[" + i + "]";
            positive(problems, at + ".radius_nm", inc.radiusNm());
            atLeastOne(problems, at + ".permittivity", inc.permittivity());
            if (inc.shape() == Shape.CYLINDER) {
                positive(problems, at + ".height_nm", inc.heightNm());
            }
            double x = inc.xNm() + dxNm;
            double y = inc.yNm();
            double r = inc.radiusNm();
            if (x - r < -slab.widthNm() / 2 || x + r > slab.widthNm() / 2 || y - r < -slab.depthNm() / 2
                    || y + r > slab.depthNm() / 2 || inc.reachNm() >= slab.thicknessNm()) {
                problems.add(String.format("%s (centre x = %.1f nm with dx = %.1f nm, y = %.1f nm, radius %.1f nm, reaching"
                        + " %.1f nm deep) is not inside the slab (x and y within ±%.1f, ±%.1f nm, %.1f nm thick)", at,
                        x, dxNm, y, r, inc.reachNm(), slab.widthNm() / 2, slab.depthNm() / 2, slab.thicknessNm()));
            }
            for (int j = 0; j < i; j++) {
                Inclusion other = inclusions.get(j);
                double dist = Math.hypot(inc.xNm() - other.xNm(), inc.yNm() - other.yNm());
                if (dist < inc.radiusNm() + other.radiusNm()) {
                    problems.add(String.format("inclusions[%d] and inclusions[%d] overlap (centres %.1f nm apart, radii"
                            + " %.1f + %.1f nm)", j, i, dist, other.radiusNm(), inc.radiusNm()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new FemModelException("invalid FEM model '" + name + "':\n  " + String.join("\n  ", problems),
                    problems);
        }
    }

    private static void positive(List<String> problems, String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            problems.add(field + " must be a positive number, got " + value);
        }
    }

    private static void atLeastOne(List<String> problems, String field, double value) {
        if (!(value >= 1) || !Double.isFinite(value)) {
            problems.add(field + " (relative permittivity) must be a number ≥ 1, got " + value);
        }
    }
}
