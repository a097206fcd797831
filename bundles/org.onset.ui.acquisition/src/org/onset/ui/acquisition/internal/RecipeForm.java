package org.onset.ui.acquisition.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampSegment;
import org.onset.map.api.Grid;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.PixelOrder;
import org.onset.sweep.api.RecipeProblem;
import org.onset.sweep.api.SweepService;
import org.onset.sweep.estimate.FastApproach;
import org.onset.sweep.estimate.MapEstimate;
import org.onset.sweep.estimate.MapEstimator;
import org.onset.sweep.estimate.StageTiming;

/**
 * The recipe as a form: one row per field of the JSON format, with its unit and, to its right, what
 * is wrong with it. Problems come from parsing the text and from {@link SweepService#validate}, whose
 * {@link RecipeProblem#field()} paths name the row. Plain SWT with its services passed in, so the
 * e4 part stays a thin shell and tests can drive the form directly.
 */
final class RecipeForm {

    /** Field paths of the rows that are not recipe fields. */
    static final String APPROACH_ON = "fast_approach";
    static final String APPROACH_V = "fast_approach.target_V";
    static final String APPROACH_RATE = "fast_approach.rate_V_per_s";
    static final String EXPECTED_ONSET = "estimate.expected_onset_V";
    static final String SEGMENTS = "ramp.segments";

    private final SweepService sweeps;
    private final Function<String, StageTiming> timingOf;
    private final Consumer<Optional<MapRecipe>> onChange;

    private final Composite form;
    /** The column rows are added to now: the form has two, so that all of a recipe fits on one screen. */
    private Composite col;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Map<String, String> problems = new LinkedHashMap<>();
    private final Color red;
    private Combo instrument;
    private Combo order;
    private Button approachOn;
    private Button topoBefore;
    private Button topoAfter;
    private Tree cutoffTree;
    private Label approachSaving;
    private Label estimate;
    private Label summary;
    private boolean loading;
    private MapRecipe valid;
    private MapRecipe loaded;

    /** One row: its input, and the label that says what is wrong with it. */
    private static final class Row {
        final Control input;
        final Label problem;
        String loadedText;
        Object loadedValue;

        Row(Control input, Label problem) {
            this.input = input;
            this.problem = problem;
        }

        String text() {
            if (input instanceof Text t) {
                return t.getText().trim();
            }
            if (input instanceof Combo c) {
                return c.getText().trim();
            }
            return "";
        }
    }

    RecipeForm(Composite parent, SweepService sweeps, Function<String, StageTiming> timingOf,
            Consumer<Optional<MapRecipe>> onChange) {
        this.sweeps = sweeps;
        this.timingOf = timingOf;
        this.onChange = onChange;
        this.red = parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED);
        ScrolledComposite scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scroll.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        form = new Composite(scroll, SWT.NONE);
        form.setLayout(new GridLayout(2, false));
        scroll.setContent(form);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);

        summary = new Label(form, SWT.WRAP);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        col = column();
        text("name", "Name", "", 2);
        instrument = new Combo(col, SWT.DROP_DOWN);
        row("instrument_id", "Instrument", instrument, "instrument.id");

        heading("Grid");
        text("grid.nx", "Pixels in x", "", 1);
        text("grid.ny", "Pixels in y", "", 1);
        text("grid.spacing_x_nm", "Spacing in x", "nm", 1);
        text("grid.spacing_y_nm", "Spacing in y", "nm", 1);
        text("grid.x0_nm", "First pixel x", "nm", 1);
        text("grid.y0_nm", "First pixel y", "nm", 1);
        order = new Combo(col, SWT.READ_ONLY);
        for (PixelOrder o : PixelOrder.values()) {
            order.add(o.name().toLowerCase());
        }
        row("order", "Order", order, "");
        text("order_seed", "Random order seed", "", 1);
        problemOnly("grid");

        heading("Ramp");
        text("ramp.start_V", "Start", "V", 1);
        text("ramp.end_V", "End", "V", 1);
        text("ramp.rate_V_per_s", "Rate", "V/s", 1);
        text("ramp.hold_s", "Hold at end", "s", 1);
        Text segments = new Text(col, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        GridData sd = new GridData(SWT.FILL, SWT.TOP, true, false);
        sd.heightHint = 3 * segments.getLineHeight();
        row(SEGMENTS, "Then segments", segments, "V, V/s, s");
        segments.setToolTipText("One segment per line after the main sweep: target V, rate V/s, hold s");
        segments.setLayoutData(sd);
        problemOnly("ramp");
        approachOn = new Button(col, SWT.CHECK);
        approachOn.setText("Fast approach");
        approachOn.setToolTipText("A quick first segment to a bias short of the thermodynamic onset (|V| < "
                + FastApproach.THERMODYNAMIC_ONSET_VOLTS + " V), then the measuring rate");
        approachSaving = new Label(col, SWT.WRAP);
        approachSaving.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        approachOn.addListener(SWT.Selection, e -> approachToggled());
        rows.put(APPROACH_ON, new Row(approachOn, approachSaving));
        text(APPROACH_V, "  approach to", "V", 1);
        text(APPROACH_RATE, "  approach rate", "V/s", 1);

        col = column();
        heading("Cutoff rule");
        Text rule = text("cutoff", "Rule", "", 1);
        rule.setToolTipText("current -10 pA | height 8 nm | any(r, r, ..) | all(r, r, ..) | then(first, second) | none");
        cutoffTree = new Tree(col, SWT.BORDER);
        GridData td = new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1);
        td.heightHint = 70;
        td.widthHint = 400;
        cutoffTree.setLayoutData(td);

        heading("Acquisition");
        text("settle_s", "Settle after each move", "s", 1);
        text("sample_rate_Hz", "Sample rate", "Hz", 1);

        heading("Safety limits");
        text("limits.min_bias_V", "Most negative bias", "V", 1);
        text("limits.max_bias_V", "Most positive bias", "V", 1);
        text("limits.max_rate_V_per_s", "Fastest rate", "V/s", 1);
        text("limits.watchdog_margin_s", "Watchdog margin", "s", 1);

        heading("Topography");
        topoBefore = check("topography.before", "Scan before the map");
        topoAfter = check("topography.after", "Scan after the map");

        heading("Estimate (before the map starts)");
        text(EXPECTED_ONSET, "Expected onset", "V (the paper: " + MapEstimator.PAPER_ONSET_VOLTS + " V)", 1);
        estimate = new Label(col, SWT.WRAP);
        GridData ed = new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1);
        ed.widthHint = 520;
        estimate.setLayoutData(ed);
        problemOnly("");
        setText(EXPECTED_ONSET, Numbers.format(MapEstimator.PAPER_ONSET_VOLTS));
        scroll.addListener(SWT.Resize, e -> scroll.setMinSize(form.computeSize(SWT.DEFAULT, SWT.DEFAULT)));
    }

    Composite control() {
        return form;
    }

    // ---- building the form

    private Composite column() {
        Composite c = new Composite(form, SWT.NONE);
        GridLayout gl = new GridLayout(4, false);
        gl.marginWidth = 0;
        c.setLayout(gl);
        c.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return c;
    }

    private void heading(String title) {
        Label l = new Label(col, SWT.NONE);
        l.setText(title);
        l.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        l.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));
    }

    private Text text(String path, String label, String unit, int widthChars) {
        Text t = new Text(col, SWT.BORDER);
        row(path, label, t, unit);
        return t;
    }

    private void row(String path, String label, Control input, String unit) {
        input.moveBelow(null);
        Label l = new Label(col, SWT.NONE);
        l.setText(label);
        l.moveAbove(input);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, false, false);
        gd.widthHint = 150;
        input.setLayoutData(gd);
        Label u = new Label(col, SWT.NONE);
        u.setText(unit);
        Label p = new Label(col, SWT.WRAP);
        p.setForeground(red);
        GridData pd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        pd.widthHint = 220;
        p.setLayoutData(pd);
        input.setData("onset.field", path);
        if (input instanceof Text t) {
            t.addListener(SWT.Modify, e -> changed());
        } else if (input instanceof Combo c) {
            c.addListener(SWT.Modify, e -> changed());
            c.addListener(SWT.Selection, e -> changed());
        }
        rows.put(path, new Row(input, p));
    }

    private Button check(String path, String label) {
        Button b = new Button(col, SWT.CHECK);
        b.setText(label);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false, 3, 1));
        Label p = new Label(col, SWT.WRAP);
        p.setForeground(red);
        p.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        b.addListener(SWT.Selection, e -> changed());
        rows.put(path, new Row(b, p));
        return b;
    }

    private void problemOnly(String path) {
        Label p = new Label(col, SWT.WRAP);
        p.setForeground(red);
        p.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));
        rows.put(path.isEmpty() ? "(recipe)" : "(" + path + ")", new Row(p, p));
    }

    // ---- loading

    /** Shows a recipe; saving it unchanged gives an equal recipe (values are kept, not re-parsed, until edited). */
    void load(MapRecipe r) {
        loading = true;
        try {
            loaded = r;
            set("name", r.name(), r.name());
            instrument.setText(r.instrumentId());
            Grid g = r.grid();
            set("grid.nx", Integer.toString(g.nx()), g.nx());
            set("grid.ny", Integer.toString(g.ny()), g.ny());
            setNumber("grid.spacing_x_nm", g.dx(), 1e9);
            setNumber("grid.spacing_y_nm", g.dy(), 1e9);
            setNumber("grid.x0_nm", g.x0(), 1e9);
            setNumber("grid.y0_nm", g.y0(), 1e9);
            order.setText(r.order().name().toLowerCase());
            set("order_seed", Long.toString(r.orderSeed()), r.orderSeed());
            Optional<FastApproach> fa = FastApproach.of(r.ramp());
            MapRecipe.Ramp measuring = FastApproach.measuringRamp(r.ramp());
            approachOn.setSelection(fa.isPresent());
            FastApproach shown = fa.orElse(FastApproach.proposed(measuring.minVolts() < 0 ? -1 : 1,
                    r.limits().maxRateVoltsPerSecond()));
            setNumber(APPROACH_V, shown.approachVolts(), 1);
            setNumber(APPROACH_RATE, shown.approachRate(), 1);
            setNumber("ramp.start_V", measuring.startVolts(), 1);
            RampSegment first = measuring.segments().get(0);
            setNumber("ramp.end_V", first.targetVolts(), 1);
            setNumber("ramp.rate_V_per_s", first.rateVoltsPerSecond(), 1);
            setNumber("ramp.hold_s", first.holdSeconds(), 1);
            List<String> lines = new ArrayList<>();
            for (RampSegment s : measuring.segments().subList(1, measuring.segments().size())) {
                lines.add(Numbers.format(s.targetVolts()) + ", " + Numbers.format(s.rateVoltsPerSecond()) + ", "
                        + Numbers.format(s.holdSeconds()));
            }
            String segText = String.join("\n", lines);
            set(SEGMENTS, segText, measuring.segments().subList(1, measuring.segments().size()));
            String cut = CutoffText.format(r.cutoff());
            set("cutoff", cut, r.cutoff());
            setNumber("settle_s", r.settleSeconds(), 1);
            setNumber("sample_rate_Hz", r.sampleRateHz(), 1);
            setNumber("limits.min_bias_V", r.limits().minBiasVolts(), 1);
            setNumber("limits.max_bias_V", r.limits().maxBiasVolts(), 1);
            setNumber("limits.max_rate_V_per_s", r.limits().maxRateVoltsPerSecond(), 1);
            setNumber("limits.watchdog_margin_s", r.limits().watchdogMarginSeconds(), 1);
            topoBefore.setSelection(r.topography().before());
            topoAfter.setSelection(r.topography().after());
        } finally {
            loading = false;
        }
        changed();
    }

    private void setNumber(String path, double value, double scale) {
        set(path, Numbers.format(value * scale), value);
    }

    private void set(String path, String text, Object value) {
        Row row = rows.get(path);
        row.loadedText = text.trim();
        row.loadedValue = value;
        if (row.input instanceof Text t) {
            t.setText(text);
        }
    }

    /** Types into a row, as a user would (tests, presets). */
    void setText(String path, String text) {
        Row row = rows.get(path);
        if (row.input instanceof Text t) {
            t.setText(text);
        } else if (row.input instanceof Combo c) {
            c.setText(text);
        }
    }

    /** What is shown next to a row, "" when nothing is wrong. */
    String problemShown(String path) {
        Row row = rows.get(path);
        return row == null ? "" : row.problem.getText();
    }

    Control input(String path) {
        return rows.get(path).input;
    }

    Optional<MapRecipe> validRecipe() {
        return Optional.ofNullable(valid);
    }

    Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    String estimateText() {
        return estimate.getText();
    }

    String approachText() {
        return approachSaving.getText();
    }

    void setInstrumentChoices(List<String> ids) {
        String now = instrument.getText();
        instrument.setItems(ids.toArray(String[]::new));
        instrument.setText(now);
    }

    private void approachToggled() {
        changed();
    }

    // ---- reading the form back

    private void changed() {
        if (loading || form.isDisposed()) {
            return;
        }
        problems.clear();
        MapRecipe r = read();
        boolean ruleBroken = problems.containsKey("cutoff");
        if (r != null && sweeps != null) {
            for (RecipeProblem p : sweeps.validate(r)) {
                if (!(ruleBroken && rowFor(p.field()).equals("cutoff"))) {
                    problems.merge(rowFor(p.field()), message(p), (a, b) -> a + "; " + b);
                }
            }
        }
        if (ruleBroken) {
            r = null;
        }
        valid = problems.isEmpty() ? r : null;
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            if (e.getKey().equals(APPROACH_ON)) {
                continue; // its label tells the saving, set by read()
            }
            String key = e.getKey().startsWith("(") ? e.getKey().substring(1, e.getKey().length() - 1) : e.getKey();
            String m = problems.getOrDefault(key, "");
            if (!e.getValue().problem.getText().equals(m)) {
                e.getValue().problem.setText(m);
                e.getValue().problem.setToolTipText(m);
            }
        }
        showCutoffTree();
        showEstimate(r);
        summary.setText(problems.isEmpty() ? "Recipe is valid" + (r == null ? "" : ": " + r.pixelCount() + " pixels")
                : problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " (shown next to the fields)");
        summary.setForeground(problems.isEmpty() ? form.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN) : red);
        form.layout(true, true);
        onChange.accept(validRecipe());
    }

    private static String message(RecipeProblem p) {
        return p.message();
    }

    /** The row a validator field path belongs to: the JSON path, shifted when a fast approach leads the ramp. */
    String rowFor(String field) {
        String f = field;
        if (approachOn.getSelection()) {
            if (f.equals("ramp.end_V")) {
                return APPROACH_V;
            }
            if (f.equals("ramp.rate_V_per_s")) {
                return APPROACH_RATE;
            }
            if (f.startsWith("ramp.segments[0].")) {
                String leaf = f.substring("ramp.segments[0].".length());
                return "ramp." + (leaf.equals("target_V") ? "end_V" : leaf);
            }
        }
        if (f.startsWith("ramp.segments[")) {
            return SEGMENTS;
        }
        if (f.equals("grid.spacing_nm")) {
            return "grid.spacing_x_nm";
        }
        if (f.startsWith("cutoff")) {
            return "cutoff";
        }
        while (!f.isEmpty()) {
            if (rows.containsKey(f) || rows.containsKey("(" + f + ")")) {
                return f;
            }
            int dot = f.lastIndexOf('.');
            f = dot < 0 ? "" : f.substring(0, dot);
        }
        return "";
    }

    private void problem(String path, String message) {
        problems.merge(path, message, (a, b) -> a + "; " + b);
    }

    private double number(String path, double scale) {
        Row row = rows.get(path);
        String t = row.text();
        if (row.loadedValue instanceof Double d && t.equals(row.loadedText)) {
            return d;
        }
        if (t.isEmpty()) {
            problem(path, "needs a value");
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                problem(path, "must be a finite number, got '" + t + "'");
            }
            return v / scale;
        } catch (NumberFormatException e) {
            problem(path, "must be a number, got '" + t + "'");
            return Double.NaN;
        }
    }

    private long whole(String path) {
        Row row = rows.get(path);
        String t = row.text();
        if (row.loadedValue instanceof Number n && !(row.loadedValue instanceof Double) && t.equals(row.loadedText)) {
            return n.longValue();
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            problem(path, "must be a whole number, got '" + t + "'");
            return 0;
        }
    }

    private RampSegment segment(String path, double target, double rate, double hold) {
        try {
            return new RampSegment(target, rate, hold);
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private MapRecipe read() {
        String name = rows.get("name").text();
        String id = instrument.getText().trim();
        int nx = (int) whole("grid.nx");
        int ny = (int) whole("grid.ny");
        double dx = number("grid.spacing_x_nm", 1e9);
        double dy = number("grid.spacing_y_nm", 1e9);
        double x0 = number("grid.x0_nm", 1e9);
        double y0 = number("grid.y0_nm", 1e9);
        PixelOrder o = PixelOrder.valueOf(order.getText().isEmpty() ? "RASTER" : order.getText().toUpperCase());
        long seed = whole("order_seed");
        double start = number("ramp.start_V", 1);
        double end = number("ramp.end_V", 1);
        double rate = number("ramp.rate_V_per_s", 1);
        double hold = number("ramp.hold_s", 1);
        List<RampSegment> segs = new ArrayList<>();
        segs.add(segment("ramp.rate_V_per_s", end, rate, hold));
        Row segRow = rows.get(SEGMENTS);
        if (segRow.loadedValue instanceof List<?> l && segRow.text().equals(segRow.loadedText)) {
            segs.addAll((List<RampSegment>) l);
        } else {
            String[] lines = segRow.text().split("\\R");
            for (int k = 0; k < lines.length; k++) {
                if (lines[k].isBlank()) {
                    continue;
                }
                String[] v = lines[k].trim().split("[,;\\s]+");
                try {
                    if (v.length < 2 || v.length > 3) {
                        throw new NumberFormatException();
                    }
                    segs.add(segment(SEGMENTS, Double.parseDouble(v[0]), Double.parseDouble(v[1]),
                            v.length == 3 ? Double.parseDouble(v[2]) : 0));
                } catch (NumberFormatException e) {
                    problem(SEGMENTS, "line " + (k + 1) + ": expected 'target V, rate V/s[, hold s]', got '"
                            + lines[k].trim() + "'");
                }
            }
        }
        MapRecipe.Ramp ramp = segs.contains(null) ? null : new MapRecipe.Ramp(start, segs);
        if (approachOn.getSelection()) {
            FastApproach fa = new FastApproach(number(APPROACH_V, 1), number(APPROACH_RATE, 1));
            if (ramp != null) {
                List<String> ps = fa.problems(ramp);
                if (ps.isEmpty()) {
                    double saved = fa.savedSecondsPerPixel(ramp);
                    approachSaving.setText(String.format("saves %.3f s per pixel", saved));
                    ramp = fa.applyTo(ramp);
                } else {
                    ps.forEach(p -> problem(p.startsWith("approach rate") ? APPROACH_RATE : APPROACH_V, p));
                    approachSaving.setText("");
                }
            }
        } else {
            approachSaving.setText("");
        }
        CutoffRule cutoff = null;
        Row cutRow = rows.get("cutoff");
        if (cutRow.loadedValue instanceof CutoffRule c && cutRow.text().equals(cutRow.loadedText)) {
            cutoff = c;
        } else {
            try {
                cutoff = CutoffText.parse(cutRow.text());
            } catch (IllegalArgumentException e) {
                problem("cutoff", e.getMessage());
            }
        }
        double settle = number("settle_s", 1);
        double sampleRate = number("sample_rate_Hz", 1);
        MapRecipe.SafetyLimits limits = new MapRecipe.SafetyLimits(number("limits.min_bias_V", 1),
                number("limits.max_bias_V", 1), number("limits.max_rate_V_per_s", 1),
                number("limits.watchdog_margin_s", 1));
        if (ramp == null || problems.keySet().stream().anyMatch(k -> !k.equals("cutoff"))) {
            return null;
        }
        if (cutoff == null) {
            // the rule does not parse (its problem is shown): check everything else meanwhile
            cutoff = CutoffRule.none();
        }
        String keptName = loaded != null && name.equals(rows.get("name").loadedText) ? loaded.name() : name;
        return new MapRecipe(keptName, id, new Grid(nx, ny, x0, y0, dx, dy), o, seed, ramp, cutoff, settle, sampleRate,
                limits, new MapRecipe.TopographyPlan(topoBefore.getSelection(), topoAfter.getSelection()));
    }

    private void showCutoffTree() {
        cutoffTree.removeAll();
        try {
            Row cutRow = rows.get("cutoff");
            CutoffRule rule = cutRow.loadedValue instanceof CutoffRule c && cutRow.text().equals(cutRow.loadedText) ? c
                    : CutoffText.parse(cutRow.text());
            TreeItem root = new TreeItem(cutoffTree, SWT.NONE);
            fill(root, rule);
            expand(root);
        } catch (IllegalArgumentException e) {
            // the problem is shown next to the rule
        }
    }

    private static void fill(TreeItem item, CutoffRule rule) {
        if (rule instanceof CutoffRule.AnyOf a) {
            item.setText("any of (fires when the first fires)");
            a.rules().forEach(r -> fill(new TreeItem(item, SWT.NONE), r));
        } else if (rule instanceof CutoffRule.AllOf a) {
            item.setText("all of (fires when the last has fired)");
            a.rules().forEach(r -> fill(new TreeItem(item, SWT.NONE), r));
        } else if (rule instanceof CutoffRule.Then t) {
            item.setText("then (second armed once the first fired)");
            fill(new TreeItem(item, SWT.NONE), t.first());
            fill(new TreeItem(item, SWT.NONE), t.second());
        } else if (rule instanceof CutoffRule.Current c) {
            item.setText("current " + (c.amps() < 0 ? "≤ " : "≥ ") + Numbers.format(c.amps() * 1e12) + " pA");
        } else if (rule instanceof CutoffRule.Height h) {
            item.setText("height change " + (h.metres() < 0 ? "≤ " : "≥ +") + Numbers.format(h.metres() * 1e9) + " nm");
        } else {
            item.setText("none: every ramp runs to its end");
        }
    }

    private static void expand(TreeItem item) {
        item.setExpanded(true);
        for (TreeItem c : item.getItems()) {
            expand(c);
        }
    }

    private void showEstimate(MapRecipe r) {
        if (r == null) {
            estimate.setText("(no estimate while the recipe has problems)");
            return;
        }
        double onset = number(EXPECTED_ONSET, 1);
        problems.remove(EXPECTED_ONSET);
        StageTiming timing = timingOf.apply(r.instrumentId());
        MapEstimate e = MapEstimator.estimate(r, timing, onset);
        StringBuilder b = new StringBuilder();
        boolean cut = !(r.cutoff() instanceof CutoffRule.None);
        b.append(String.format("Instrument time ≈ %s%s; at most %s (every ramp to its end).%n",
                MapEstimate.duration(e.instrumentSecondsExpected()),
                cut ? " if the ramps stop at " + Numbers.format(onset) + " V" : "",
                MapEstimate.duration(e.instrumentSecondsWorst())));
        b.append(String.format("Per pixel: ramp %.3f s (at most %.3f s), settle %.3f s; moves %s and topography %s in all.%n",
                e.rampSecondsExpected(), e.rampSecondsWorst(), r.settleSeconds(), MapEstimate.duration(e.moveSeconds()),
                MapEstimate.duration(e.topographySeconds())));
        b.append(String.format("Map file ≈ %s (at most %s).", MapEstimate.size(e.bytesExpected()),
                MapEstimate.size(e.bytesWorst())));
        Optional<FastApproach> fa = FastApproach.of(r.ramp());
        if (fa.isPresent()) {
            double saved = fa.get().savedSecondsPerPixel(FastApproach.measuringRamp(r.ramp())) * r.pixelCount();
            b.append(String.format("%nFast approach saves %s of instrument time on this map.", MapEstimate.duration(saved)));
            approachSaving.setText(approachSaving.getText() + ", " + MapEstimate.duration(saved) + " on this map");
        }
        estimate.setText(b.toString());
    }
}
