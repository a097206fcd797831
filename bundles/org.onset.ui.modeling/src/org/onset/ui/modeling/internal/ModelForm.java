package org.onset.ui.modeling.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.onset.fem.FemModel;
import org.onset.fem.FemModelException;
import org.onset.fem.FemModelJson;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The model's parameters as text fields with their units, checked as the user types: the texts are
 * put together as the model's JSON and read by {@link FemModelJson#parse} (which also
 * {@link FemModel#validate() validates}), so the form says exactly what {@code onset fem} would say,
 * each problem next to the field it names. Inclusions are edited one at a time (chosen in a list).
 */
final class ModelForm {

    /** A field of the JSON model: its key as the validation messages name it ("slab.width_nm"). */
    private record Field(String key, Text text, Label error) {
    }

    private static final Pattern INCLUSION = Pattern.compile("inclusions\\[(\\d+)\\]");
    private static final String[] INCLUSION_KEYS = { "x_nm", "y_nm", "radius_nm", "permittivity", "height_nm" };

    private final Composite root;
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final Map<String, Field> inclusionFields = new LinkedHashMap<>();
    private final Text nameText;
    private final Combo inclusionChooser;
    private final Combo shapeChooser;
    private final Label inclusionError;
    private final Label generalError;
    private final Color errorColour;
    /** A pale red behind a field with a problem (the theme's info colour is dark on some GTK themes). */
    private final Color problemBackground;
    private final Consumer<FemModel> onChange;
    /** Each inclusion's texts (key → text; "shape" → hemisphere/cylinder). */
    private final List<Map<String, String>> inclusions = new ArrayList<>();
    private int selected = -1;
    private boolean filling;
    private FemModel model;
    private List<String> problems = List.of();

    /** @param onChange told of the new model after each edit (null while the form has problems) */
    ModelForm(Composite parent, Consumer<FemModel> onChange) {
        this.onChange = onChange;
        this.errorColour = parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED);
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        problemBackground = new Color(parent.getDisplay(), 0xFF, 0xE4, 0xE1);
        root.addDisposeListener(e -> problemBackground.dispose());

        Group general = group("Model");
        nameText = new Text(general, SWT.BORDER);
        GridData nd = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
        nd.widthHint = 200;
        nameText.setLayoutData(nd);
        nameText.addListener(SWT.Modify, e -> changed());
        field(general, "bias_V", "tip bias", "V");
        field(general, "dx_nm", "lateral offset dx", "nm");
        field(general, "probe_depths_nm", "probe depths", "nm, comma-separated");

        Group slab = group("Slab (LICGC)");
        field(slab, "slab.width_nm", "width (x)", "nm");
        field(slab, "slab.depth_nm", "depth (y)", "nm");
        field(slab, "slab.thickness_nm", "thickness (z)", "nm");
        field(slab, "slab.permittivity", "permittivity ε", "");

        Group inc = group("Inclusions (AlPO4), flush with the surface");
        Composite chooserRow = new Composite(inc, SWT.NONE);
        chooserRow.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        GridLayout cl = new GridLayout(3, false);
        cl.marginWidth = 0;
        cl.marginHeight = 0;
        chooserRow.setLayout(cl);
        inclusionChooser = new Combo(chooserRow, SWT.READ_ONLY | SWT.DROP_DOWN);
        inclusionChooser.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        inclusionChooser.addListener(SWT.Selection, e -> select(inclusionChooser.getSelectionIndex()));
        Button add = new Button(chooserRow, SWT.PUSH);
        add.setText("Add");
        add.addListener(SWT.Selection, e -> addInclusion());
        Button remove = new Button(chooserRow, SWT.PUSH);
        remove.setText("Remove");
        remove.addListener(SWT.Selection, e -> removeInclusion());
        new Label(inc, SWT.NONE).setText("shape");
        shapeChooser = new Combo(inc, SWT.READ_ONLY | SWT.DROP_DOWN);
        shapeChooser.setItems("hemisphere", "cylinder");
        shapeChooser.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        shapeChooser.addListener(SWT.Selection, e -> {
            if (selected >= 0 && !filling) {
                inclusions.get(selected).put("shape", shapeChooser.getText());
                changed();
            }
        });
        inclusionField(inc, "x_nm", "centre x (at dx = 0)", "nm");
        inclusionField(inc, "y_nm", "centre y", "nm");
        inclusionField(inc, "radius_nm", "radius", "nm");
        inclusionField(inc, "permittivity", "permittivity ε", "");
        inclusionField(inc, "height_nm", "height (cylinder)", "nm");
        inclusionError = errorLabel(inc);

        Group tip = group("Tip");
        field(tip, "tip.cone_half_angle_deg", "cone half-angle", "°");
        field(tip, "tip.apex_radius_nm", "apex radius", "nm");
        field(tip, "tip.height_nm", "cone height", "nm");
        field(tip, "tip.indentation_nm", "indentation", "nm");

        Group air = group("Air box and mesh");
        field(air, "air.height_nm", "air height", "nm");
        field(air, "mesh.global_nm", "mesh size, global", "nm");
        field(air, "mesh.apex_nm", "mesh size at the apex", "nm");
        field(air, "mesh.interface_nm", "mesh size at interfaces", "nm");

        generalError = new Label(root, SWT.WRAP);
        generalError.setForeground(errorColour);
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.widthHint = 340;
        generalError.setLayoutData(gd);
    }

    Composite control() {
        return root;
    }

    /** The model as it stands, or null while the form has problems. */
    FemModel model() {
        return model;
    }

    /** Every problem of the current texts, in the words of the model reader (empty: the model is valid). */
    List<String> problems() {
        return problems;
    }

    /** The error shown next to a field ("slab.width_nm", or "inclusions.radius_nm" for the shown inclusion). */
    String errorOf(String key) {
        Field f = key.startsWith("inclusions.") ? inclusionFields.get(key.substring("inclusions.".length())) : fields.get(key);
        return f == null ? null : f.error().getText();
    }

    /** Types into a field as the user would ("slab.width_nm", or "inclusions.radius_nm" for the shown inclusion). */
    void type(String key, String value) {
        Field f = key.startsWith("inclusions.") ? inclusionFields.get(key.substring("inclusions.".length())) : fields.get(key);
        if (f == null) {
            throw new IllegalArgumentException("no field " + key);
        }
        f.text().setText(value);
    }

    /** Fills the form from a model. */
    void show(FemModel m) {
        JsonObject o = JsonParser.parseString(FemModelJson.toJson(m)).getAsJsonObject();
        filling = true;
        try {
            nameText.setText(m.name());
            for (Field f : fields.values()) {
                JsonElement v = lookup(o, f.key());
                f.text().setText(v == null ? "" : text(v));
            }
            inclusions.clear();
            for (JsonElement e : o.getAsJsonArray("inclusions")) {
                Map<String, String> texts = new LinkedHashMap<>();
                JsonObject io = e.getAsJsonObject();
                for (String k : INCLUSION_KEYS) {
                    texts.put(k, io.has(k) ? text(io.get(k)) : "");
                }
                texts.put("shape", io.get("shape").getAsString());
                inclusions.add(texts);
            }
            selected = -1;
            refreshChooser(inclusions.isEmpty() ? -1 : 0);
        } finally {
            filling = false;
        }
        changed();
    }

    // ---- building the model from the texts

    private void changed() {
        if (filling) {
            return;
        }
        if (selected >= 0) {
            for (Map.Entry<String, Field> e : inclusionFields.entrySet()) {
                inclusions.get(selected).put(e.getKey(), e.getValue().text().getText());
            }
        }
        JsonObject o = toJson();
        FemModel m = null;
        List<String> found;
        try {
            m = FemModelJson.parse(o.toString());
            found = List.of();
        } catch (FemModelException e) {
            found = e.problems();
        }
        model = m;
        problems = found;
        showProblems(found);
        onChange.accept(m);
    }

    /** The texts as the JSON model; a text that is not a number goes in as a string, so the reader names it. */
    private JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("name", nameText.getText());
        for (Field f : fields.values()) {
            String t = f.text().getText().trim();
            if (t.isEmpty()) {
                continue;
            }
            JsonElement v;
            if (f.key().equals("probe_depths_nm")) {
                JsonArray a = new JsonArray();
                for (String part : t.split(",")) {
                    a.add(value(part.trim()));
                }
                v = a;
            } else {
                v = value(t);
            }
            put(o, f.key(), v);
        }
        for (String group : List.of("slab", "tip", "air", "mesh")) {
            if (!o.has(group)) {
                o.add(group, new JsonObject());
            }
        }
        JsonArray incs = new JsonArray();
        for (Map<String, String> texts : inclusions) {
            JsonObject io = new JsonObject();
            String shape = texts.getOrDefault("shape", "hemisphere");
            io.addProperty("shape", shape);
            for (String k : INCLUSION_KEYS) {
                String t = texts.getOrDefault(k, "").trim();
                if (k.equals("height_nm") && !shape.equals("cylinder")) {
                    continue; // a hemisphere has no height of its own: the field is ignored, not an error
                }
                if (!t.isEmpty()) {
                    io.add(k, value(t));
                }
            }
            incs.add(io);
        }
        o.add("inclusions", incs);
        return o;
    }

    private static JsonElement value(String t) {
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? new JsonPrimitive(d) : new JsonPrimitive(t);
        } catch (NumberFormatException e) {
            return new JsonPrimitive(t);
        }
    }

    private static void put(JsonObject root, String key, JsonElement v) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            root.add(key, v);
            return;
        }
        String group = key.substring(0, dot);
        if (!root.has(group)) {
            root.add(group, new JsonObject());
        }
        root.getAsJsonObject(group).add(key.substring(dot + 1), v);
    }

    private static JsonElement lookup(JsonObject root, String key) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            return root.get(key);
        }
        JsonObject g = root.getAsJsonObject(key.substring(0, dot));
        return g == null ? null : g.get(key.substring(dot + 1));
    }

    private static String text(JsonElement v) {
        if (v.isJsonArray()) {
            List<String> parts = new ArrayList<>();
            v.getAsJsonArray().forEach(x -> parts.add(text(x)));
            return String.join(", ", parts);
        }
        if (v.getAsJsonPrimitive().isNumber()) {
            double d = v.getAsDouble();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return v.getAsString();
    }

    // ---- problems next to their fields

    private void showProblems(List<String> found) {
        Map<Field, List<String>> byField = new LinkedHashMap<>();
        List<String> inclusionProblems = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String p : found) {
            Field f = fieldOf(p);
            if (f != null) {
                byField.computeIfAbsent(f, k -> new ArrayList<>()).add(p);
            } else if (INCLUSION.matcher(p).find()) {
                inclusionProblems.add(p);
            } else {
                rest.add(p);
            }
        }
        for (Field f : fields.values()) {
            setError(f, byField.get(f));
        }
        for (Field f : inclusionFields.values()) {
            setError(f, byField.get(f));
        }
        inclusionError.setText(String.join("\n", inclusionProblems));
        generalError.setText(rest.isEmpty() ? "" : String.join("\n", rest));
        // messages come and go: the scrolled area must grow and shrink with them
        if (root.getParent() instanceof org.eclipse.swt.custom.ScrolledComposite sc) {
            sc.setMinSize(root.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        }
        root.layout(true, true);
    }

    private void setError(Field f, List<String> list) {
        String t = list == null ? "" : String.join("\n", list);
        f.error().setText(t);
        ((GridData) f.error().getLayoutData()).exclude = t.isEmpty();
        f.error().setVisible(!t.isEmpty());
        f.text().setBackground(t.isEmpty() ? null : problemBackground);
    }

    /**
     * The field a problem is about: the field key named first in the message; messages about the
     * geometry as a whole go to the field most likely to fix them. Inclusion problems go to the shown
     * inclusion's fields only when they are about it.
     */
    private Field fieldOf(String problem) {
        if (problem.startsWith("the tip (top")) {
            return fields.get("air.height_nm");
        }
        if (problem.startsWith("the tip's cone")) {
            return fields.get("tip.cone_half_angle_deg");
        }
        if (problem.startsWith("probe depth")) {
            return fields.get("probe_depths_nm");
        }
        Field best = null;
        int at = Integer.MAX_VALUE;
        for (Field f : fields.values()) {
            int i = problem.indexOf(f.key());
            if (i >= 0 && (i < at || i == at && f.key().length() > best.key().length())) {
                best = f;
                at = i;
            }
        }
        Matcher m = INCLUSION.matcher(problem);
        if (m.find() && m.start() <= at) {
            int index = Integer.parseInt(m.group(1));
            // "inclusions[1] and inclusions[2] overlap": about the shown one if it is either
            boolean aboutShown = index == selected;
            while (!aboutShown && m.find()) {
                aboutShown = Integer.parseInt(m.group(1)) == selected;
            }
            if (!aboutShown) {
                return null;
            }
            for (Map.Entry<String, Field> e : inclusionFields.entrySet()) {
                if (problem.contains("inclusions[" + selected + "]." + e.getKey())) {
                    return e.getValue();
                }
            }
            if (problem.contains("shape")) {
                return null;
            }
            return inclusionFields.get("x_nm"); // outside the slab, overlapping: move it
        }
        return best;
    }

    // ---- inclusions

    private void addInclusion() {
        Map<String, String> texts = new LinkedHashMap<>();
        if (selected >= 0) {
            texts.putAll(inclusions.get(selected));
        } else {
            texts.putAll(Map.of("x_nm", "0", "y_nm", "0", "radius_nm", "100", "permittivity", "5.1", "height_nm", "",
                    "shape", "hemisphere"));
        }
        inclusions.add(texts);
        refreshChooser(inclusions.size() - 1);
        changed();
    }

    private void removeInclusion() {
        if (selected < 0) {
            return;
        }
        inclusions.remove(selected);
        selected = -1;
        refreshChooser(Math.min(inclusionChooser.getSelectionIndex(), inclusions.size() - 1));
        changed();
    }

    private void refreshChooser(int select) {
        String[] items = new String[inclusions.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = String.format(Locale.ROOT, "inclusion %d", i + 1);
        }
        inclusionChooser.setItems(items);
        select(select);
    }

    private void select(int index) {
        if (selected >= 0 && selected < inclusions.size()) {
            for (Map.Entry<String, Field> e : inclusionFields.entrySet()) {
                inclusions.get(selected).put(e.getKey(), e.getValue().text().getText());
            }
        }
        boolean was = filling;
        filling = true;
        try {
            selected = index;
            boolean any = index >= 0;
            if (any) {
                inclusionChooser.select(index);
            }
            for (Map.Entry<String, Field> e : inclusionFields.entrySet()) {
                e.getValue().text().setText(any ? inclusions.get(index).getOrDefault(e.getKey(), "") : "");
                e.getValue().text().setEnabled(any);
            }
            shapeChooser.setEnabled(any);
            shapeChooser.setText(any ? inclusions.get(index).getOrDefault("shape", "hemisphere") : "");
        } finally {
            filling = was;
        }
        if (!was) {
            showProblems(problems);
        }
    }

    // ---- widgets

    private Group group(String title) {
        Group g = new Group(root, SWT.NONE);
        g.setText(title);
        g.setLayout(new GridLayout(3, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return g;
    }

    private void field(Composite parent, String key, String label, String unit) {
        fields.put(key, makeField(parent, key, label, unit));
    }

    private void inclusionField(Composite parent, String key, String label, String unit) {
        inclusionFields.put(key, makeField(parent, key, label, unit));
    }

    private Field makeField(Composite parent, String key, String label, String unit) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(label);
        l.setToolTipText(key);
        Text t = new Text(parent, SWT.BORDER | SWT.RIGHT);
        GridData td = new GridData(SWT.FILL, SWT.CENTER, true, false);
        td.widthHint = 90;
        t.setLayoutData(td);
        t.setToolTipText(key);
        new Label(parent, SWT.NONE).setText(unit);
        Label err = errorLabel(parent);
        t.addListener(SWT.Modify, e -> changed());
        return new Field(key, t, err);
    }

    private Label errorLabel(Composite parent) {
        Label err = new Label(parent, SWT.WRAP);
        err.setForeground(errorColour);
        GridData ed = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
        ed.widthHint = 320;
        err.setLayoutData(ed);
        return err;
    }
}
