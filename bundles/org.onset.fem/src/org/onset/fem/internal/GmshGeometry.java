package org.onset.fem.internal;

import java.util.Locale;

import org.onset.fem.FemModel;

/**
 * Writes a {@link FemModel} as a Gmsh .geo script on the OpenCASCADE kernel. Every number of the
 * model is a {@code DefineConstant}, so {@code gmsh -setnumber dx 160 model.geo} moves the inclusions
 * without rewriting the file. After the Boolean operations the script finds each volume and
 * surface by its bounding box (OpenCASCADE renumbers entities, so tags are not stable) and names
 * them as physical groups: {@value #SLAB_NAME}, {@code inclusion_N}, {@value #AIR_NAME},
 * {@value #TIP_NAME}, {@value #BOTTOM_NAME}.
 */
public final class GmshGeometry {

    public static final String SLAB_NAME = "slab";
    public static final String AIR_NAME = "air";
    public static final String TIP_NAME = "tip";
    public static final String BOTTOM_NAME = "bottom";
    public static final int SLAB_ID = 1;
    public static final int AIR_ID = 2;
    public static final int TIP_ID = 10;
    public static final int BOTTOM_ID = 11;
    /** Inclusion N (1-based) is physical volume {@code INCLUSION_BASE_ID + N}. */
    public static final int INCLUSION_BASE_ID = 100;
    /**
     * How fast elements grow away from the apex and from the inclusions (size = base + rate ×
     * distance): slow enough to resolve the field that falls off over the apex radius, fast
     * enough that the far field costs few elements.
     */
    public static final double APEX_GROWTH = 0.1;
    public static final double INTERFACE_GROWTH = 0.5;

    private GmshGeometry() {
    }

    public static String inclusionName(int oneBased) {
        return "inclusion_" + oneBased;
    }

    public static String geo(FemModel m) {
        StringBuilder s = new StringBuilder();
        FemModel.Tip tip = m.tip();
        s.append("// ").append(m.name().replaceAll("[\\r\\n]", " ")).append("\n");
        s.append("// Onset FEM model: conductive tip on a dielectric slab with inclusions. Lengths in nm.\n");
        s.append("// z = 0 is the slab's top surface; the tip axis is x = y = 0; inclusions are shifted by dx along x.\n");
        s.append("// Mesh for GetDP with: gmsh -3 -format msh22 model.geo [-setnumber dx VALUE]\n");
        s.append("SetFactory(\"OpenCASCADE\");\n");
        s.append("DefineConstant[\n");
        def(s, "dx", m.dxNm(), "lateral offset of the inclusions along x, nm");
        def(s, "slabW", m.slab().widthNm(), "slab width (x), nm");
        def(s, "slabD", m.slab().depthNm(), "slab depth (y), nm");
        def(s, "slabT", m.slab().thicknessNm(), "slab thickness (z), nm");
        def(s, "airH", m.airHeightNm(), "air box height above the slab, nm");
        def(s, "apexR", tip.apexRadiusNm(), "tip apex radius, nm");
        def(s, "coneAngle", tip.coneHalfAngleDeg(), "cone half-angle, degrees");
        def(s, "coneH", tip.heightNm(), "cone height above the apex, nm");
        def(s, "indent", tip.indentationNm(), "apex pressed below the surface, nm");
        def(s, "lcGlobal", m.mesh().globalNm(), "element size far from tip and inclusions, nm");
        def(s, "lcApex", m.mesh().apexNm(), "element size at the apex, nm");
        def(s, "lcInterface", m.mesh().interfaceNm(), "element size at inclusion surfaces, nm");
        s.append("  growApex = ").append(num(APEX_GROWTH * m.mesh().growth())).append(", growInterface = ")
                .append(num(INTERFACE_GROWTH * m.mesh().growth())).append("\n];\n");
        s.append("eps = 1e-3;\n");
        s.append("slab = newv; Box(slab) = {-slabW/2, -slabD/2, -slabT, slabW, slabD, slabT};\n");
        s.append("air = newv; Box(air) = {-slabW/2, -slabD/2, 0, slabW, slabD, airH};\n");
        int n = m.inclusions().size();
        for (int i = 0; i < n; i++) {
            FemModel.Inclusion inc = m.inclusions().get(i);
            int k = i + 1;
            s.append(String.format(Locale.ROOT, "incX%d = %s + dx; incY%d = %s; incR%d = %s; incH%d = %s;%n", k,
                    num(inc.xNm()), k, num(inc.yNm()), k, num(inc.radiusNm()), k, num(inc.reachNm())));
            if (inc.shape() == FemModel.Shape.HEMISPHERE) {
                s.append(String.format(Locale.ROOT, "b%d = newv; Sphere(b%d) = {incX%d, incY%d, 0, incR%d};%n", k, k, k, k, k));
            } else {
                s.append(String.format(Locale.ROOT, "b%d = newv; Cylinder(b%d) = {incX%d, incY%d, -incH%d, 0, 0, incH%d, incR%d};%n",
                        k, k, k, k, k, k, k));
            }
            // the part below the surface (a hemisphere from a sphere; a no-op for the cylinder)
            s.append(String.format(Locale.ROOT, "inc%d = newv; BooleanIntersection(inc%d) = { Volume{b%d}; Delete; }{ Volume{slab}; };%n", k, k, k));
        }
        s.append("// tip: apex sphere and a cone that meets it tangentially\n");
        s.append("th = coneAngle*Pi/180;\n");
        s.append("ts = newv; Sphere(ts) = {0, 0, apexR - indent, apexR};\n");
        s.append("zc = apexR - indent - apexR*Sin(th); rc = apexR*Cos(th); rTop = rc + coneH*Tan(th);\n");
        s.append("tc = newv; Cone(tc) = {0, 0, zc, 0, 0, coneH, rc, rTop};\n");
        s.append("tip() = BooleanUnion{ Volume{ts}; Delete; }{ Volume{tc}; Delete; };\n");
        s.append("parts() = BooleanFragments{ Volume{slab, air");
        for (int k = 1; k <= n; k++) {
            s.append(", inc").append(k);
        }
        s.append("}; Delete; }{ };\n");
        s.append("vols() = BooleanDifference{ Volume{parts()}; Delete; }{ Volume{tip()}; Delete; };\n");
        s.append("// name the volumes by where they lie\n");
        s.append("airV() = {}; slabV() = {};\n");
        for (int k = 1; k <= n; k++) {
            s.append("incV").append(k).append("() = {};\n");
        }
        s.append("For i In {0:#vols()-1}\n  bb() = BoundingBox Volume{vols(i)};\n  found = 0;\n");
        s.append("  If (bb(2) > -eps)\n    airV() += vols(i); found = 1;\n  EndIf\n");
        // an inclusion is the volume whose bounding box is closest to the inclusion's own; OpenCASCADE's
        // boxes are loose where the tip cuts a curved surface, so they are compared with a tolerance
        s.append("  best = 0; bestMiss = 1e30;\n");
        for (int k = 1; k <= n; k++) {
            s.append(String.format(Locale.ROOT,
                    "  miss = Max(Max(Max(Fabs(bb(0)-(incX%1$d-incR%1$d)), Fabs(bb(3)-(incX%1$d+incR%1$d))), Max(Fabs(bb(1)-(incY%1$d-incR%1$d)),"
                            + " Fabs(bb(4)-(incY%1$d+incR%1$d)))), Max(Fabs(bb(2)+incH%1$d), Fabs(bb(5))));%n"
                            + "  If (!found && miss < 0.25*incR%1$d + 5 && miss < bestMiss)%n    best = %1$d; bestMiss = miss;%n  EndIf%n", k));
        }
        for (int k = 1; k <= n; k++) {
            s.append("  If (!found && best == ").append(k).append(")\n    incV").append(k).append("() += vols(i); found = 1;\n  EndIf\n");
        }
        s.append("  If (!found)\n    slabV() += vols(i);\n  EndIf\nEndFor\n");
        s.append("// tip surfaces: inside the tip's footprint, not below the indentation, not flat at z = 0\n");
        s.append("allS() = Surface{:}; tipS() = {}; bottomS() = {};\n");
        s.append("For i In {0:#allS()-1}\n  bb() = BoundingBox Surface{allS(i)};\n");
        s.append("  If (bb(5) < -slabT + eps)\n    bottomS() += allS(i);\n");
        s.append("  ElseIf (bb(2) > -indent - eps && (bb(5) - bb(2) > eps || bb(2) > eps) && bb(0) > -rTop - eps"
                + " && bb(3) < rTop + eps && bb(1) > -rTop - eps && bb(4) < rTop + eps)\n    tipS() += allS(i);\n  EndIf\nEndFor\n");
        s.append("If (#slabV() != 1 || #airV() != 1 || #tipS() < 2 || #bottomS() != 1)\n");
        s.append("  Error(\"Onset: could not identify the regions (slab %g, air %g, tip surfaces %g, bottom %g)\", #slabV(), #airV(), #tipS(), #bottomS());\n");
        s.append("EndIf\n");
        s.append("Physical Volume(\"").append(SLAB_NAME).append("\", ").append(SLAB_ID).append(") = slabV();\n");
        s.append("Physical Volume(\"").append(AIR_NAME).append("\", ").append(AIR_ID).append(") = airV();\n");
        for (int k = 1; k <= n; k++) {
            s.append("If (#incV").append(k).append("() == 0)\n  Error(\"Onset: inclusion ").append(k).append(" not found after the Boolean operations\");\nEndIf\n");
            s.append("Physical Volume(\"").append(inclusionName(k)).append("\", ").append(INCLUSION_BASE_ID + k)
                    .append(") = incV").append(k).append("();\n");
        }
        s.append("Physical Surface(\"").append(TIP_NAME).append("\", ").append(TIP_ID).append(") = tipS();\n");
        s.append("Physical Surface(\"").append(BOTTOM_NAME).append("\", ").append(BOTTOM_ID).append(") = bottomS();\n");
        s.append("// element sizes: fine at the apex and at the inclusions' surfaces, growing with distance\n");
        s.append("apexP = newp; Point(apexP) = {0, 0, -indent};\n");
        s.append("Field[1] = Distance; Field[1].PointsList = {apexP};\n");
        s.append("Field[2] = MathEval; Field[2].F = Sprintf(\"%g + %g*F1\", lcApex, growApex);\n");
        int last = 2;
        if (n > 0) {
            s.append("incS() = {};\n");
            for (int k = 1; k <= n; k++) {
                s.append("incS() += Boundary{ Volume{incV").append(k).append("()}; };\n");
            }
            s.append("Field[3] = Distance; Field[3].SurfacesList = {incS()};\n");
            s.append("Field[4] = MathEval; Field[4].F = Sprintf(\"%g + %g*F3\", lcInterface, growInterface);\n");
            last = 4;
        }
        s.append("Field[5] = MathEval; Field[5].F = Sprintf(\"%g\", lcGlobal);\n");
        s.append("Field[6] = Min; Field[6].FieldsList = {2, ").append(last == 4 ? "4, " : "").append("5};\n");
        s.append("Background Field = 6;\n");
        s.append("Mesh.MeshSizeExtendFromBoundary = 0; Mesh.MeshSizeFromPoints = 0; Mesh.MeshSizeFromCurvature = 0;\n");
        return s.toString();
    }

    private static void def(StringBuilder s, String name, double value, String what) {
        s.append(String.format(Locale.ROOT, "  %s = %s, // %s%n", name, num(value), what));
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
