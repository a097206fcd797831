package org.onset.fem.internal;

import static org.onset.fem.internal.GmshGeometry.num;

import java.util.Locale;

import org.onset.fem.FemModel;

/**
 * Writes a COMSOL Java model file (the API that COMSOL's "Compile Model File" and
 * {@code comsolcompile}/{@code comsolbatch} read) that rebuilds the model: geometry in nm
 * (slab, hemisphere or cylinder inclusions, air box, sphere ∪ cone tip subtracted), materials by
 * relative permittivity, Electrostatics with the tip at the bias and the slab bottom grounded, a
 * mesh and a stationary study. Domains and boundaries are chosen with box and ball selections, so
 * the file does not depend on COMSOL's entity numbering. It cannot be run here (COMSOL is
 * commercial); tests check that it is valid Java.
 */
final class ComsolJavaModel {

    static final String CLASS_NAME = "OnsetFemModel";

    private ComsolJavaModel() {
    }

    static String source(FemModel m) {
        StringBuilder s = new StringBuilder();
        FemModel.Tip tip = m.tip();
        double w = m.slab().widthNm();
        double d = m.slab().depthNm();
        double t = m.slab().thicknessNm();
        double eps = 0.5;
        s.append("/*\n * COMSOL Java model file written by Onset: ").append(m.name().replace("*/", "* /")).append("\n");
        s.append(" * Build with COMSOL's compiler (comsolcompile OnsetFemModel.java) and run with comsolbatch,\n");
        s.append(" * or open it in COMSOL Desktop. Lengths in nm; the tip axis is x = y = 0, z = 0 the slab top.\n */\n");
        s.append("import com.comsol.model.*;\nimport com.comsol.model.util.*;\n\n");
        s.append("public class ").append(CLASS_NAME).append(" {\n\n");
        s.append("  public static Model run() {\n");
        s.append("    Model model = ModelUtil.create(\"Model\");\n");
        s.append("    model.label(\"").append(escape(m.name())).append("\");\n");
        s.append("    model.param().set(\"bias\", \"").append(num(m.biasV())).append("[V]\", \"tip potential\");\n");
        s.append("    model.param().set(\"dx\", \"").append(num(m.dxNm())).append("[nm]\", \"lateral offset of the inclusions\");\n");
        s.append("    model.component().create(\"comp1\", true);\n");
        s.append("    GeomSequence g = model.component(\"comp1\").geom().create(\"geom1\", 3);\n");
        s.append("    g.lengthUnit(\"nm\");\n");
        block(s, "slab", -w / 2, -d / 2, -t, w, d, t);
        block(s, "air", -w / 2, -d / 2, 0, w, d, m.airHeightNm());
        StringBuilder inputs = new StringBuilder("\"slab\", \"air\"");
        for (int k = 1; k <= m.inclusions().size(); k++) {
            FemModel.Inclusion inc = m.inclusions().get(k - 1);
            String x = num(inc.xNm()) + "+dx";
            if (inc.shape() == FemModel.Shape.HEMISPHERE) {
                s.append(String.format(Locale.ROOT, "    g.create(\"incs%d\", \"Sphere\");%n", k));
                s.append(String.format(Locale.ROOT, "    g.feature(\"incs%d\").set(\"r\", \"%s\");%n", k, num(inc.radiusNm())));
                s.append(String.format(Locale.ROOT, "    g.feature(\"incs%d\").set(\"pos\", new String[]{\"%s\", \"%s\", \"0\"});%n", k, x,
                        num(inc.yNm())));
                // keep the half below the surface: intersect with a block the size of the slab
                block(s, "incclip" + k, -w / 2, -d / 2, -t, w, d, t);
                s.append(String.format(Locale.ROOT, "    g.create(\"inc%d\", \"Intersection\");%n", k));
                s.append(String.format(Locale.ROOT, "    g.feature(\"inc%d\").selection(\"input\").set(new String[]{\"incs%d\", \"incclip%d\"});%n", k, k, k));
            } else {
                s.append(String.format(Locale.ROOT, "    g.create(\"inc%d\", \"Cylinder\");%n", k));
                s.append(String.format(Locale.ROOT, "    g.feature(\"inc%d\").set(\"r\", \"%s\");%n", k, num(inc.radiusNm())));
                s.append(String.format(Locale.ROOT, "    g.feature(\"inc%d\").set(\"h\", \"%s\");%n", k, num(inc.heightNm())));
                s.append(String.format(Locale.ROOT, "    g.feature(\"inc%d\").set(\"pos\", new String[]{\"%s\", \"%s\", \"%s\"});%n", k, x,
                        num(inc.yNm()), num(-inc.heightNm())));
            }
            inputs.append(", \"inc").append(k).append("\"");
        }
        s.append("    g.create(\"apex\", \"Sphere\");\n");
        s.append("    g.feature(\"apex\").set(\"r\", \"").append(num(tip.apexRadiusNm())).append("\");\n");
        s.append("    g.feature(\"apex\").set(\"pos\", new String[]{\"0\", \"0\", \"").append(num(tip.apexCentreZNm())).append("\"});\n");
        s.append("    g.create(\"cone\", \"Cone\");\n");
        s.append("    g.feature(\"cone\").set(\"r\", \"").append(num(tip.coneBaseRadiusNm())).append("\");\n");
        s.append("    g.feature(\"cone\").set(\"h\", \"").append(num(tip.heightNm())).append("\");\n");
        s.append("    g.feature(\"cone\").set(\"specifytop\", \"radius\");\n");
        s.append("    g.feature(\"cone\").set(\"rtop\", \"").append(num(tip.topRadiusNm())).append("\");\n");
        s.append("    g.feature(\"cone\").set(\"pos\", new String[]{\"0\", \"0\", \"").append(num(tip.coneBaseZNm())).append("\"});\n");
        s.append("    g.create(\"tip\", \"Union\");\n");
        s.append("    g.feature(\"tip\").selection(\"input\").set(new String[]{\"apex\", \"cone\"});\n");
        s.append("    g.feature(\"tip\").set(\"intbnd\", false);\n");
        s.append("    g.create(\"parts\", \"Union\");\n");
        s.append("    g.feature(\"parts\").selection(\"input\").set(new String[]{").append(inputs).append("});\n");
        s.append("    g.create(\"dif1\", \"Difference\");\n");
        s.append("    g.feature(\"dif1\").selection(\"input\").set(new String[]{\"parts\"});\n");
        s.append("    g.feature(\"dif1\").selection(\"input2\").set(new String[]{\"tip\"});\n");
        s.append("    g.run();\n\n");
        s.append("    // selections by position, independent of entity numbers\n");
        boxSelection(s, "selSlab", 3, -w / 2 - eps, w / 2 + eps, -d / 2 - eps, d / 2 + eps, -t - eps, eps);
        boxSelection(s, "selAir", 3, -w / 2 - eps, w / 2 + eps, -d / 2 - eps, d / 2 + eps, -eps, m.airHeightNm() + eps);
        boxSelection(s, "selBottom", 2, -w / 2 - eps, w / 2 + eps, -d / 2 - eps, d / 2 + eps, -t - eps, -t + eps);
        double rt = tip.topRadiusNm() + eps;
        boxSelection(s, "selTipBox", 2, -rt, rt, -rt, rt, -tip.indentationNm() - eps, tip.topZNm() + eps);
        s.append("    // the tip's faces: those inside its box that do not lie in the surface z = 0\n");
        boxSelection(s, "selTop", 2, -w / 2 - eps, w / 2 + eps, -d / 2 - eps, d / 2 + eps, -eps, eps);
        s.append("    model.component(\"comp1\").selection().create(\"selTip\", \"Difference\");\n");
        s.append("    model.component(\"comp1\").selection(\"selTip\").set(\"entitydim\", 2);\n");
        s.append("    model.component(\"comp1\").selection(\"selTip\").set(\"add\", new String[]{\"selTipBox\"});\n");
        s.append("    model.component(\"comp1\").selection(\"selTip\").set(\"subtract\", new String[]{\"selTop\"});\n");
        for (int k = 1; k <= m.inclusions().size(); k++) {
            FemModel.Inclusion inc = m.inclusions().get(k - 1);
            double x = inc.xNm() + m.dxNm();
            boxSelection(s, "selInc" + k, 3, x - inc.radiusNm() - eps, x + inc.radiusNm() + eps, inc.yNm() - inc.radiusNm() - eps,
                    inc.yNm() + inc.radiusNm() + eps, -inc.reachNm() - eps, eps);
        }
        s.append("\n    // materials: relative permittivity only (electrostatics)\n");
        material(s, "matSlab", "slab", num(m.slab().permittivity()), "selSlab");
        material(s, "matAir", "air", "1", "selAir");
        for (int k = 1; k <= m.inclusions().size(); k++) {
            material(s, "matInc" + k, "inclusion " + k, num(m.inclusions().get(k - 1).permittivity()), "selInc" + k);
        }
        s.append("\n    // electrostatics: tip at the bias, slab bottom grounded, zero charge elsewhere (the default)\n");
        s.append("    model.component(\"comp1\").physics().create(\"es\", \"Electrostatics\", \"geom1\");\n");
        s.append("    model.component(\"comp1\").physics(\"es\").create(\"pot1\", \"ElectricPotential\", 2);\n");
        s.append("    model.component(\"comp1\").physics(\"es\").feature(\"pot1\").selection().named(\"selTip\");\n");
        s.append("    model.component(\"comp1\").physics(\"es\").feature(\"pot1\").set(\"V0\", \"bias\");\n");
        s.append("    model.component(\"comp1\").physics(\"es\").create(\"gnd1\", \"Ground\", 2);\n");
        s.append("    model.component(\"comp1\").physics(\"es\").feature(\"gnd1\").selection().named(\"selBottom\");\n\n");
        s.append("    // mesh: free tetrahedra, finer at the tip (Onset's sizes in nm: global ").append(num(m.mesh().globalNm()))
                .append(", apex ").append(num(m.mesh().apexNm())).append(", interfaces ").append(num(m.mesh().interfaceNm())).append(")\n");
        s.append("    model.component(\"comp1\").mesh().create(\"mesh1\");\n");
        s.append("    model.component(\"comp1\").mesh(\"mesh1\").create(\"size1\", \"Size\");\n");
        s.append("    model.component(\"comp1\").mesh(\"mesh1\").feature(\"size\").set(\"custom\", \"on\");\n");
        s.append("    model.component(\"comp1\").mesh(\"mesh1\").feature(\"size\").set(\"hmax\", \"").append(num(m.mesh().globalNm())).append("\");\n");
        s.append("    model.component(\"comp1\").mesh(\"mesh1\").feature(\"size1\").selection().geom(\"geom1\", 2);\n");
        s.append("    model.component(\"comp1\").mesh(\"mesh1\").feature(\"size1\").selection().named(\"selTip\");\n");
        s.append("    model.component(\"comp1\").mesh(\"mesh1\").feature(\"size1\").set(\"custom\", \"on\");\n");
        s.append("    model.component(\"comp1\").mesh(\"mesh1\").feature(\"size1\").set(\"hmaxactive\", true);\n");
        s.append("    model.component(\"comp1\").mesh(\"mesh1\").feature(\"size1\").set(\"hmax\", \"").append(num(4 * m.mesh().apexNm())).append("\");\n");
        s.append("    model.component(\"comp1\").mesh(\"mesh1\").create(\"ftet1\", \"FreeTet\");\n");
        s.append("    model.component(\"comp1\").mesh(\"mesh1\").run();\n\n");
        s.append("    // stationary study\n");
        s.append("    model.study().create(\"std1\");\n");
        s.append("    model.study(\"std1\").create(\"stat\", \"Stationary\");\n");
        s.append("    model.study(\"std1\").run();\n");
        s.append("    return model;\n  }\n\n");
        s.append("  public static void main(String[] args) {\n    run();\n  }\n}\n");
        return s.toString();
    }

    private static void block(StringBuilder s, String tag, double x, double y, double z, double w, double d, double h) {
        s.append(String.format(Locale.ROOT, "    g.create(\"%s\", \"Block\");%n", tag));
        s.append(String.format(Locale.ROOT, "    g.feature(\"%s\").set(\"size\", new String[]{\"%s\", \"%s\", \"%s\"});%n", tag, num(w),
                num(d), num(h)));
        s.append(String.format(Locale.ROOT, "    g.feature(\"%s\").set(\"pos\", new String[]{\"%s\", \"%s\", \"%s\"});%n", tag, num(x),
                num(y), num(z)));
    }

    private static void boxSelection(StringBuilder s, String tag, int dim, double x0, double x1, double y0, double y1,
            double z0, double z1) {
        String c = "model.component(\"comp1\").selection(\"" + tag + "\")";
        s.append("    model.component(\"comp1\").selection().create(\"").append(tag).append("\", \"Box\");\n");
        s.append("    ").append(c).append(".set(\"entitydim\", ").append(dim).append(");\n");
        s.append(String.format(Locale.ROOT, "    %s.set(\"xmin\", %s); %s.set(\"xmax\", %s);%n", c, num(x0), c, num(x1)));
        s.append(String.format(Locale.ROOT, "    %s.set(\"ymin\", %s); %s.set(\"ymax\", %s);%n", c, num(y0), c, num(y1)));
        s.append(String.format(Locale.ROOT, "    %s.set(\"zmin\", %s); %s.set(\"zmax\", %s);%n", c, num(z0), c, num(z1)));
        s.append("    ").append(c).append(".set(\"condition\", \"inside\");\n");
    }

    private static void material(StringBuilder s, String tag, String label, String epsr, String selection) {
        String c = "model.component(\"comp1\").material(\"" + tag + "\")";
        s.append("    model.component(\"comp1\").material().create(\"").append(tag).append("\", \"Common\");\n");
        s.append("    ").append(c).append(".label(\"").append(escape(label)).append("\");\n");
        s.append("    ").append(c).append(".selection().named(\"").append(selection).append("\");\n");
        s.append("    ").append(c).append(".propertyGroup(\"def\").set(\"relpermittivity\", new String[]{\"").append(epsr)
                .append("\"});\n");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]", " ");
    }
}
