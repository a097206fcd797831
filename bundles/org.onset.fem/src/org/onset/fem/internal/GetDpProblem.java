package org.onset.fem.internal;

import static org.onset.fem.internal.GmshGeometry.num;

import java.util.Locale;

import org.onset.fem.FemModel;
import org.onset.fem.FemSolution;

/**
 * Writes the GetDP electrostatics of a {@link FemModel}: div(ε grad v) = 0 in slab, inclusions and
 * air with first-order nodal elements; v = bias on the tip, 0 on the slab bottom, no normal flux
 * elsewhere (the box's sides and top). Lengths are nm, so the field comes out in V/nm; ε0 cancels
 * (there is no free charge). The post-operations write the files {@link GetDpOutput} reads.
 */
public final class GetDpProblem {

    /** Points per nm along the tip axis profile. */
    static final double AXIS_POINTS_PER_NM = 0.5;
    /** Points of the xz plane image along x and along z. */
    static final int PLANE_NX = 131;
    static final int PLANE_NZ = 81;
    static final String PROBES_FILE = "probes.txt";
    static final String AXIS_POTENTIAL_FILE = "axis-potential.txt";
    static final String AXIS_FIELD_FILE = "axis-field.txt";
    static final String PLANE_FILE = "plane-potential.txt";

    private GetDpProblem() {
    }

    public static String pro(FemModel m) {
        StringBuilder s = new StringBuilder();
        int n = m.inclusions().size();
        s.append("// GetDP electrostatics of the Onset FEM model '").append(m.name().replaceAll("[\\r\\n]", " ")).append("'\n");
        s.append("// Run: getdp model.pro -msh model.msh -solve Electrostatics -pos Fields -ksp_type cg -pc_type gamg\n");
        s.append("DefineConstant[ bias = ").append(num(m.biasV())).append(" ]; // tip potential, V\n");
        s.append("Group {\n");
        s.append("  Slab = Region[").append(GmshGeometry.SLAB_ID).append("];\n");
        s.append("  Air = Region[").append(GmshGeometry.AIR_ID).append("];\n");
        StringBuilder vol = new StringBuilder("Slab, Air");
        for (int k = 1; k <= n; k++) {
            s.append("  Inclusion").append(k).append(" = Region[").append(GmshGeometry.INCLUSION_BASE_ID + k).append("];\n");
            vol.append(", Inclusion").append(k);
        }
        s.append("  Tip = Region[").append(GmshGeometry.TIP_ID).append("];\n");
        s.append("  Bottom = Region[").append(GmshGeometry.BOTTOM_ID).append("];\n");
        s.append("  Domain = Region[{").append(vol).append("}];\n}\n");
        s.append("Function {\n");
        s.append("  epsr[Slab] = ").append(num(m.slab().permittivity())).append(";\n");
        s.append("  epsr[Air] = 1;\n");
        for (int k = 1; k <= n; k++) {
            s.append("  epsr[Inclusion").append(k).append("] = ").append(num(m.inclusions().get(k - 1).permittivity())).append(";\n");
        }
        s.append("}\n");
        s.append("Constraint {\n  { Name Potential; Case {\n    { Region Tip; Value bias; }\n    { Region Bottom; Value 0; }\n  } }\n}\n");
        s.append("Jacobian { { Name JVol; Case { { Region All; Jacobian Vol; } } } }\n");
        s.append("Integration { { Name Gauss1; Case { { Type Gauss; Case { { GeoElement Tetrahedron; NumberOfPoints 1; } } } } } }\n");
        s.append("FunctionSpace {\n  { Name H1; Type Form0;\n");
        s.append("    BasisFunction { { Name sn; NameOfCoef vn; Function BF_Node; Support Domain; Entity NodesOf[All]; } }\n");
        s.append("    Constraint { { NameOfCoef vn; EntityType NodesOf; NameOfConstraint Potential; } }\n  }\n}\n");
        s.append("Formulation {\n  { Name Electrostatics; Type FemEquation;\n");
        s.append("    Quantity { { Name v; Type Local; NameOfSpace H1; } }\n");
        s.append("    Equation { Galerkin { [ epsr[] * Dof{d v}, {d v} ]; In Domain; Jacobian JVol; Integration Gauss1; } }\n  }\n}\n");
        s.append("Resolution {\n  { Name Electrostatics;\n    System { { Name A; NameOfFormulation Electrostatics; } }\n");
        s.append("    Operation { Generate[A]; Solve[A]; }\n  }\n}\n");
        s.append("PostProcessing {\n  { Name Fields; NameOfFormulation Electrostatics;\n    Quantity {\n");
        s.append("      { Name v; Value { Term { [ {v} ]; In Domain; Jacobian JVol; } } }\n");
        s.append("      { Name normE; Value { Term { [ Norm[-{d v}] ]; In Domain; Jacobian JVol; } } }\n");
        s.append("    }\n  }\n}\n");
        s.append("PostOperation {\n  { Name Fields; NameOfPostProcessing Fields;\n    Operation {\n");
        // probes: the potential at the six points of a central-difference stencil around each depth
        double h = FemSolution.STENCIL_NM;
        boolean first = true;
        for (double depth : m.probeDepthsNm()) {
            double[][] offsets = { { 0, 0, 0 }, { h, 0, 0 }, { -h, 0, 0 }, { 0, h, 0 }, { 0, -h, 0 }, { 0, 0, h }, { 0, 0, -h } };
            for (double[] o : offsets) {
                s.append(String.format(Locale.ROOT, "      Print[ v, OnPoint {%s, %s, %s}, Format SimpleTable, File %s\"%s\" ];%n",
                        num(o[0]), num(o[1]), num(-depth + o[2]), first ? "" : ">> ", PROBES_FILE));
                first = false;
            }
        }
        double zTop = -m.tip().indentationNm() - 0.5;
        double zBottom = -m.slab().thicknessNm() + 0.5;
        int axisPoints = Math.max(10, (int) Math.round((zTop - zBottom) * AXIS_POINTS_PER_NM));
        s.append(String.format(Locale.ROOT, "      Print[ v, OnLine {{0, 0, %s}{0, 0, %s}} {%d}, Format SimpleTable, File \"%s\" ];%n",
                num(zTop), num(zBottom), axisPoints, AXIS_POTENTIAL_FILE));
        s.append(String.format(Locale.ROOT, "      Print[ normE, OnLine {{0, 0, %s}{0, 0, %s}} {%d}, Format SimpleTable, File \"%s\" ];%n",
                num(zTop), num(zBottom), axisPoints, AXIS_FIELD_FILE));
        double x0 = -m.slab().widthNm() / 2 + 0.5;
        double x1 = m.slab().widthNm() / 2 - 0.5;
        double z0 = -m.slab().thicknessNm() + 0.5;
        double z1 = m.airHeightNm() - 0.5;
        s.append(String.format(Locale.ROOT,
                "      Print[ v, OnPlane {{%s, 0, %s}{%s, 0, %s}{%s, 0, %s}} {%d, %d}, Format SimpleTable, File \"%s\" ];%n",
                num(x0), num(z0), num(x1), num(z0), num(x0), num(z1), PLANE_NX - 1, PLANE_NZ - 1, PLANE_FILE));
        s.append("    }\n  }\n}\n");
        return s.toString();
    }
}
