package org.onset.fem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The JSON form of a {@link FemModel} (field names carry their units, e.g. {@code apex_radius_nm}).
 * Reading is strict: a missing field, an unknown field (usually a typo) or a value of the wrong type
 * is an error that names the field; the model is then {@link FemModel#validate() validated}.
 * Example: {@code releng/fem/fig6-model.json}.
 */
public final class FemModelJson {

    private FemModelJson() {
    }

    /** Reads and validates a model file. */
    public static FemModel read(Path file) throws IOException, FemModelException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such model file");
        }
        try {
            return parse(text);
        } catch (FemModelException e) {
            throw new FemModelException(file + ": " + e.getMessage(), e.problems());
        }
    }

    /** Parses and validates a model. */
    public static FemModel parse(String json) throws FemModelException {
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new FemModelException("a FEM model is a JSON object {...}");
            }
            root = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new FemModelException("not valid JSON: " + e.getMessage());
        }
        Reader r = new Reader();
        r.only(root, "", Set.of("name", "slab", "inclusions", "tip", "bias_V", "dx_nm", "air", "mesh", "probe_depths_nm"));
        JsonObject slab = r.object(root, "slab");
        JsonObject tip = r.object(root, "tip");
        JsonObject air = r.object(root, "air");
        JsonObject mesh = r.object(root, "mesh");
        r.only(slab, "slab.", Set.of("width_nm", "depth_nm", "thickness_nm", "permittivity"));
        r.only(tip, "tip.", Set.of("cone_half_angle_deg", "apex_radius_nm", "height_nm", "indentation_nm"));
        r.only(air, "air.", Set.of("height_nm"));
        r.only(mesh, "mesh.", Set.of("global_nm", "apex_nm", "interface_nm", "growth"));
        List<FemModel.Inclusion> inclusions = new ArrayList<>();
        if (root.has("inclusions")) {
            if (!root.get("inclusions").isJsonArray()) {
                r.problems.add("inclusions must be an array [...]");
            } else {
                JsonArray a = root.getAsJsonArray("inclusions");
                for (int i = 0; i < a.size(); i++) {
                    String at = "inclusions[" + i + "].";
                    if (!a.get(i).isJsonObject()) {
                        r.problems.add(at.substring(0, at.length() - 1) + " must be an object {...}");
                        continue;
                    }
                    JsonObject o = a.get(i).getAsJsonObject();
                    r.only(o, at, Set.of("x_nm", "y_nm", "radius_nm", "permittivity", "shape", "height_nm"));
                    String shapeName = o.has("shape") ? r.string(o, at, "shape") : "hemisphere";
                    FemModel.Shape shape;
                    try {
                        shape = FemModel.Shape.valueOf(shapeName.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        r.problems.add(at + "shape must be \"hemisphere\" or \"cylinder\", got \"" + shapeName + "\"");
                        shape = FemModel.Shape.HEMISPHERE;
                    }
                    double height = shape == FemModel.Shape.CYLINDER ? r.number(o, at, "height_nm") : 0;
                    if (shape == FemModel.Shape.HEMISPHERE && o.has("height_nm")) {
                        r.problems.add(at + "height_nm is only for a cylinder (a hemisphere reaches radius_nm deep)");
                    }
                    inclusions.add(new FemModel.Inclusion(r.number(o, at, "x_nm"), r.number(o, at, "y_nm"),
                            r.number(o, at, "radius_nm"), r.number(o, at, "permittivity"), shape, height));
                }
            }
        }
        List<Double> depths = new ArrayList<>(FemModel.FIG6_DEPTHS_NM);
        if (root.has("probe_depths_nm")) {
            depths.clear();
            JsonElement d = root.get("probe_depths_nm");
            if (!d.isJsonArray()) {
                r.problems.add("probe_depths_nm must be an array of numbers (nm)");
            } else {
                for (JsonElement x : d.getAsJsonArray()) {
                    if (x.isJsonPrimitive() && x.getAsJsonPrimitive().isNumber()) {
                        depths.add(x.getAsDouble());
                    } else {
                        r.problems.add("probe_depths_nm holds a non-number: " + x);
                    }
                }
            }
        }
        FemModel model = new FemModel(root.has("name") ? r.string(root, "", "name") : "FEM model",
                new FemModel.Slab(r.number(slab, "slab.", "width_nm"), r.number(slab, "slab.", "depth_nm"),
                        r.number(slab, "slab.", "thickness_nm"), r.number(slab, "slab.", "permittivity")),
                inclusions,
                new FemModel.Tip(r.number(tip, "tip.", "cone_half_angle_deg"), r.number(tip, "tip.", "apex_radius_nm"),
                        r.number(tip, "tip.", "height_nm"), r.number(tip, "tip.", "indentation_nm")),
                r.number(root, "", "bias_V"), root.has("dx_nm") ? r.number(root, "", "dx_nm") : 0,
                r.number(air, "air.", "height_nm"),
                new FemModel.MeshSizes(r.number(mesh, "mesh.", "global_nm"), r.number(mesh, "mesh.", "apex_nm"),
                        r.number(mesh, "mesh.", "interface_nm"), mesh.has("growth") ? r.number(mesh, "mesh.", "growth") : 1),
                depths);
        if (!r.problems.isEmpty()) {
            throw new FemModelException("invalid FEM model:\n  " + String.join("\n  ", r.problems), r.problems);
        }
        model.validate();
        return model;
    }

    /** The model as JSON that {@link #parse(String)} reads back to an equal model. */
    public static String toJson(FemModel m) {
        JsonObject root = new JsonObject();
        root.addProperty("name", m.name());
        JsonObject slab = new JsonObject();
        slab.addProperty("width_nm", m.slab().widthNm());
        slab.addProperty("depth_nm", m.slab().depthNm());
        slab.addProperty("thickness_nm", m.slab().thicknessNm());
        slab.addProperty("permittivity", m.slab().permittivity());
        root.add("slab", slab);
        JsonArray incs = new JsonArray();
        for (FemModel.Inclusion i : m.inclusions()) {
            JsonObject o = new JsonObject();
            o.addProperty("x_nm", i.xNm());
            o.addProperty("y_nm", i.yNm());
            o.addProperty("radius_nm", i.radiusNm());
            o.addProperty("permittivity", i.permittivity());
            o.addProperty("shape", i.shape().name().toLowerCase(Locale.ROOT));
            if (i.shape() == FemModel.Shape.CYLINDER) {
                o.addProperty("height_nm", i.heightNm());
            }
            incs.add(o);
        }
        root.add("inclusions", incs);
        JsonObject tip = new JsonObject();
        tip.addProperty("cone_half_angle_deg", m.tip().coneHalfAngleDeg());
        tip.addProperty("apex_radius_nm", m.tip().apexRadiusNm());
        tip.addProperty("height_nm", m.tip().heightNm());
        tip.addProperty("indentation_nm", m.tip().indentationNm());
        root.add("tip", tip);
        root.addProperty("bias_V", m.biasV());
        root.addProperty("dx_nm", m.dxNm());
        JsonObject air = new JsonObject();
        air.addProperty("height_nm", m.airHeightNm());
        root.add("air", air);
        JsonObject mesh = new JsonObject();
        mesh.addProperty("global_nm", m.mesh().globalNm());
        mesh.addProperty("apex_nm", m.mesh().apexNm());
        mesh.addProperty("interface_nm", m.mesh().interfaceNm());
        if (m.mesh().growth() != 1) {
            mesh.addProperty("growth", m.mesh().growth());
        }
        root.add("mesh", mesh);
        JsonArray depths = new JsonArray();
        m.probeDepthsNm().forEach(depths::add);
        root.add("probe_depths_nm", depths);
        return new GsonBuilder().setPrettyPrinting().create().toJson(root);
    }

    /** Collects every problem instead of stopping at the first. */
    private static final class Reader {
        final List<String> problems = new ArrayList<>();

        void only(JsonObject o, String prefix, Set<String> allowed) {
            for (String k : o.keySet()) {
                if (!allowed.contains(k)) {
                    problems.add("unknown field " + prefix + k + " (known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
                }
            }
        }

        JsonObject object(JsonObject o, String name) {
            JsonElement e = o.get(name);
            if (e == null || !e.isJsonObject()) {
                problems.add((e == null ? "missing object " : "not an object: ") + name + " {...}");
                return new JsonObject();
            }
            return e.getAsJsonObject();
        }

        double number(JsonObject o, String prefix, String name) {
            JsonElement e = o.get(name);
            if (e == null) {
                problems.add("missing field " + prefix + name);
                return Double.NaN;
            }
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                problems.add(prefix + name + " must be a number, got " + e);
                return Double.NaN;
            }
            return e.getAsDouble();
        }

        String string(JsonObject o, String prefix, String name) {
            JsonElement e = o.get(name);
            if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                problems.add(prefix + name + " must be a string");
                return "";
            }
            return e.getAsString();
        }
    }
}
