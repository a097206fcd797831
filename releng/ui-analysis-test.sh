#!/usr/bin/env bash
# Drives the Analysis perspective's analysis views under Xvfb through the self-test of
# org.onset.ui.analysis (-Donset.ui.analysis.selftest): two small simulated map files with topography
# before and after are made with `onset map`; the workbench opens them from the command line; each is
# selected in the Map files list, the Map analysis part analyses it in a Job, and the numbers it shows
# must equal `onset analyze --json` of the same file; every tab and the correlative overlay (two
# opacities, before and after) are pictured, the plots exported as PNG and SVG. The AlPO4 mask chooser:
# a mask of the wrong size is refused naming both sizes, the left half of the map as mask is analysed
# with exactly those pixels as AlPO4, "No mask" brings back the phases from the data. The tip radius
# field: 0 nm shows the uncorrected slope, empty the file's 30 nm again. `onset analyze` stores
# NAME.analysis.h5 beside each map file; those are moved aside before the workbench starts, and the
# workbench must write them again (in its analysis Job) with the numbers of `onset analyze --json`
# and every dataset equal to onset analyze's sidecar.
# A Raman map generated
# here (LabSpec text export, stage positions inside the height map's area, rows written top-down) is
# laid over the overlay: its band-integral layer must sit where its positions say and hold the band
# integrals this script computes itself from the spectra it wrote (two bands). Then the |E| map of
# `onset fem-map` over the height map (AlPO4 from its topography, field-map.gsf) takes that layer's place:
# it must sit where the tip positions were and hold fem-map's values.
# Pictures and the report under target/ui-analysis/. Needs: xvfb, imagemagick, python3, the built product.
set -uo pipefail
UI_NAME=analysis
source "$(dirname "${BASH_SOURCE[0]}")/lib/ui-product.sh"
TIMEOUT_S="${UI_ANALYSIS_TIMEOUT_S:-300}"
rm -rf "$OUT"; mkdir -p "$OUT"

ui_launcher
export ONSET_HOME="$OUT/home"

# 1) dense height control over AlPO4 inclusions of the default simulated sample (phases, onset against
#    distance, Mann-Whitney; swelling in the difference image); 2) a sparse array of current-controlled
#    ramps 0.5 µm apart and 3) one of uncontrolled sweeps 1.5 µm apart on a 5 µm sample (instrument
#    sim-wide): particles that do not touch, each tied to its ramp, so the particle, volume-histogram
#    and transference tabs have data (Figs. 1b, 1d-e). Topography before and after on the images' own
#    default grid (5 nm, coarser for large areas), virtual time.
cat >"$OUT/height.json" <<'JSON'
{
  "name": "UI analysis test: 24 x 24 at 20 nm over AlPO4, height control 8 nm, topography before and after",
  "instrument_id": "sim",
  "grid": { "nx": 24, "ny": 24, "spacing_nm": 20, "x0_nm": 1020, "y0_nm": 1220 },
  "order": "serpentine",
  "ramp": { "start_V": 0, "end_V": -4.2, "rate_V_per_s": 1.2 },
  "cutoff": { "height_nm": 8 },
  "topography": { "before": true, "after": true }
}
JSON
cat >"$OUT/current.json" <<'JSON'
{
  "name": "UI analysis test: 4 x 4 at 500 nm, current control -10 pA, topography before and after",
  "instrument_id": "sim",
  "grid": { "nx": 4, "ny": 4, "spacing_nm": 500, "x0_nm": 250, "y0_nm": 250 },
  "ramp": { "start_V": 0, "end_V": -4.2, "rate_V_per_s": 1.2 },
  "cutoff": { "current_pA": -10 },
  "topography": { "before": true, "after": true }
}
JSON
cat >"$OUT/uncontrolled.json" <<'JSON'
{
  "name": "UI analysis test: 3 x 3 uncontrolled sweeps 0 -> -5 V at 1.5 um, topography before and after",
  "instrument_id": "sim-wide",
  "grid": { "nx": 3, "ny": 3, "spacing_nm": 1500, "x0_nm": 1000, "y0_nm": 1000 },
  "ramp": { "start_V": 0, "end_V": -5, "rate_V_per_s": 1.2 },
  "cutoff": "none",
  "sample_rate_Hz": 5000,
  "topography": { "before": true, "after": true }
}
JSON
"$ROOT/onset" drivers add-sim sim-wide --set sampleWidth=5e-6 --set sampleHeight=5e-6 >"$OUT/add-sim.log" 2>&1 \
  || fail "onset drivers add-sim sim-wide failed (see $OUT/add-sim.log)"
MAPS="height current uncontrolled"
for m in $MAPS; do
  "$ROOT/onset" map "$OUT/$m.json" -o "$OUT/$m.h5" >"$OUT/map-$m.log" 2>&1 || fail "onset map $m failed (see $OUT/map-$m.log)"
  "$ROOT/onset" analyze "$OUT/$m.h5" --json -o "$OUT/$m-analysis" >"$OUT/$m-analysis.json" 2>"$OUT/analyze-$m.log" \
    || fail "onset analyze $m failed (see $OUT/analyze-$m.log)"
done
# the sparse arrays have particles and a transference fit (from the stored data alone)
/usr/bin/python3 - "$OUT" <<'PY' || fail "onset analyze found no particles or no transference in a sparse array"
import json, sys
for m in ("current", "uncontrolled"):
    j = json.load(open(f"{sys.argv[1]}/{m}-analysis.json", encoding="utf-8"))
    p, t = j["particles"], j["transference"]
    print(f"ui-analysis: {m}: {p and p['count']} particles, median volume {p and p['volume_median_nm3']:.3g} nm3, "
          f"slope {t and t['slope_li_per_electron']:.3f} [{t and t['ci95_low']:.3f}, {t and t['ci95_high']:.3f}] "
          f"from {t and t['particles']} particles")
    if not p or p["count"] < 5 or not t or abs(t["slope_li_per_electron"] - 1) > 0.15:
        sys.exit(1)
PY

# a copy of a map file whose sidecar is blocked by a directory of its name: the workbench must say so
mkdir -p "$OUT/blocked/current-copy.analysis.h5/in-the-way"
cp "$OUT/current.h5" "$OUT/blocked/current-copy.h5"
# onset analyze's sidecars aside: the workbench must write its own
for m in $MAPS; do
  [ -s "$OUT/$m.analysis.h5" ] || fail "onset analyze did not store $OUT/$m.analysis.h5"
  mv "$OUT/$m.analysis.h5" "$OUT/$m.cli.analysis.h5"
done

# the Raman map: 12 x 10 spectra at 30 nm from (1100, 1300) nm, rows written from the top (largest y) down;
# 2500-3200 cm-1 in 5 cm-1 steps; a sloping background plus a band at 2850 cm-1 that is strong on a
# "particle" at (1250, 1400) nm and absent far from it
/usr/bin/python3 - "$OUT/raman-map.txt" <<'PY' || fail "cannot write the Raman map"
import math, sys
w = [2500 + 5 * k for k in range(141)]
with open(sys.argv[1], "w") as f:
    f.write("\t\t" + "\t".join(str(v) for v in w) + "\n")
    for j in reversed(range(10)):
        for i in range(12):
            x, y = 1100 + 30 * i, 1300 + 30 * j
            a = 500 * math.exp(-((x - 1250) ** 2 + (y - 1400) ** 2) / (2 * 60 ** 2))
            row = [100 + 0.05 * (v - 2500) + a * math.exp(-(v - 2850) ** 2 / (2 * 40 ** 2)) for v in w]
            f.write(f"{x / 1000:.3f}\t{y / 1000:.3f}\t" + "\t".join(f"{r:.4f}" for r in row) + "\n")
PY
printf '2600\t10\n2700\t12\n2800\t30\n2900\t14\n3000\t11\n' >"$OUT/raman-spectrum.txt"

# |E| under the tip over the height map: AlPO4 from its own topography before (grains 2 nm proud),
# 3 x 3 tip positions 200 nm apart on a coarse mesh (the Fig. 6 model's slab, tip and permittivities)
/usr/bin/python3 - "$ROOT/releng/fem/fig6-model.json" "$OUT/fem-coarse.json" <<'PY' || fail "cannot write the coarse FEM model"
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
m["mesh"] = {"global_nm": 150, "apex_nm": 4, "interface_nm": 40}
json.dump(m, open(sys.argv[2], "w", encoding="utf-8"), indent=1)
PY
"$ROOT/onset" fem-map "$OUT/height.h5" "$OUT/fem-coarse.json" --threshold before --above 2nm --step 200 --depth 50 \
  -o "$OUT/fem-map" >"$OUT/fem-map.json" 2>"$OUT/fem-map.log" || fail "onset fem-map failed (see $OUT/fem-map.log)"
[ -s "$OUT/fem-map/field-map.gsf" ] || fail "onset fem-map wrote no field-map.gsf"

ui_xvfb 1600x1000

ui_workbench "$TIMEOUT_S" \
  -Donset.ui.analysis.selftest="$OUT/selftest" -Donset.ui.analysis.selftest.files="$OUT/height.h5,$OUT/current.h5,$OUT/uncontrolled.h5" \
  -Donset.ui.analysis.selftest.blocked="$OUT/blocked/current-copy.h5" -Donset.ui.analysis.selftest.raman="$OUT/raman-map.txt" -Donset.ui.analysis.selftest.raman.spectrum="$OUT/raman-spectrum.txt" \
  -Donset.ui.analysis.selftest.image="$OUT/fem-map/field-map.gsf" \
  -- "$OUT/height.h5" "$OUT/current.h5" "$OUT/uncontrolled.h5"
ui_report open-files follows-selection sidecar tip-radius sidecar-blocked export-analysis mask-refused mask-applied mask-cleared particle-views overlay overlay-opacity overlay-info overlay-raman overlay-raman-refused overlay-image volumes-tip-corrected
# the numbers on screen are those of `onset analyze --json` of the same file
/usr/bin/python3 - "$report" "$OUT" <<'PY' || fail "the numbers shown differ from onset analyze --json (see above)"
import json, math, sys
report, out = sys.argv[1], sys.argv[2]
def num(v):
    return None if v in (None, "\u2013") else float(v)
def close(shown, expected, digits):
    """digits >= 0: decimal places shown; digits < 0: -digits significant figures shown."""
    if expected is None or (isinstance(expected, float) and math.isnan(expected)):
        return shown is None
    if shown is None:
        return False
    if digits >= 0:
        return abs(shown - expected) <= 0.5 * 10 ** -digits + 1e-9
    return abs(shown - expected) <= 0.5 * 10 ** (1 + digits) * abs(expected) + 1e-300
bad = 0; checked = 0
for line in open(report, encoding="utf-8"):
    if not line.startswith("shown "):
        continue
    parts = line.split()
    path, kv = parts[1], dict(p.split("=", 1) for p in parts[2:])
    name = path.rsplit("/", 1)[-1][:-3]
    j = json.load(open(f"{out}/{name}-analysis.json", encoding="utf-8"))
    t, p, tr, ph = j["topography"], j["particles"], j["transference"], j["phases"]
    expect = {}
    if t:
        expect.update(shift_x_nm=(t["shift_x_nm"], 1), shift_y_nm=(t["shift_y_nm"], 1), correlation=(t["correlation"], 3),
                      swelling_median_nm=(t["swelling_median_nm"], 2))
    if p:
        expect.update(particle_count=(p["count"], 0), threshold_nm=(p["threshold_nm"], 2),
                      volume_median_nm3=(p["volume_median_nm3"], -4), tip_radius_nm=(j["tip_correction"]["radius_nm"], 1))
        if p.get("volume_tip_corrected_median_nm3") is not None:
            expect["volume_median_tip_corrected_nm3"] = (p["volume_tip_corrected_median_nm3"], -4)
    if tr:
        expect.update(slope=(tr["slope_li_per_electron"], 4), slope_low=(tr["ci95_low"], 4), slope_high=(tr["ci95_high"], 4),
                      slope_particles=(tr["particles"], 0))
        if "uncorrected" in tr:
            expect["slope_uncorrected"] = (tr["uncorrected"]["slope_li_per_electron"], 4)
    elif "slope" in kv:
        print(f"ui-analysis: {name}: a slope is shown but onset analyze found none"); bad += 1
    if ph:
        for region, r in ph["by_region"].items():
            expect[f"pixels_{region}"] = (r["pixels"], 0)
            expect[f"median_onset_{region}"] = (r["median_onset_V"], 3)
        mw = ph["mann_whitney_boundary_vs_matrix"]
        if mw:
            expect["mann_whitney_u"] = (mw["u"], 1)
            expect["mann_whitney_p"] = (mw["p_two_sided"], -3)
    if name in ("current", "uncontrolled") and (num(kv.get("slope")) is None or not num(kv.get("particle_count"))):
        print(f"ui-analysis: {name}: the sparse array shows no particles or no slope: {kv}"); bad += 1
    for key, (value, digits) in expect.items():
        checked += 1
        shown = num(kv.get(key))
        ok = close(shown, None if value is None else float(value), digits)
        print(f"ui-analysis: {name} {key}: shown {kv.get(key)} analyze {value} {'ok' if ok else 'DIFFERENT'}")
        bad += 0 if ok else 1
print(f"ui-analysis: {checked} numbers compared with onset analyze --json, {bad} different")
sys.exit(1 if bad or checked == 0 else 0)
PY
# the Raman layer: placed by the file's stage positions, row 0 at the bottom, values = band integrals
/usr/bin/python3 - "$report" "$OUT/raman-map.txt" <<'PY' || fail "the Raman layer differs from the band integrals of the file (see above)"
import sys
report, path = sys.argv[1], sys.argv[2]
lines = open(path).read().split("\n")
w = [float(v) for v in lines[0].split()]
spectra = {}
for line in lines[1:]:
    if line.strip():
        r = [float(v) for v in line.split()]
        spectra[(round(r[0] * 1000), round(r[1] * 1000))] = r[2:]
def band(y, lo, hi):
    k = [i for i, v in enumerate(w) if lo <= v <= hi]
    total = sum(0.5 * (y[a] + y[b]) * (w[b] - w[a]) for a, b in zip(k, k[1:]))
    return total - 0.5 * (y[k[0]] + y[k[-1]]) * (w[k[-1]] - w[k[0]])
checked = bad = 0
for line in open(report, encoding="utf-8"):
    if not line.startswith("raman-layer "):
        continue
    kv = dict(p.split("=", 1) for p in line.split()[1:])
    lo, hi, nx, ny = float(kv["lo"]), float(kv["hi"]), int(kv["nx"]), int(kv["ny"])
    x0, x1, y0, y1 = (float(kv[k]) * 1e9 for k in ("x0", "x1", "y0", "y1"))
    values = [float(v) for v in kv["values"].split(",")]
    extent = (nx, ny, round(x0, 3), round(x1, 3), round(y0, 3), round(y1, 3))
    if extent != (12, 10, 1085.0, 1445.0, 1285.0, 1585.0):
        print(f"ui-analysis: Raman layer {lo}-{hi}: grid and extent {extent}, expected (12, 10, 1085, 1445, 1285, 1585) nm"); bad += 1
    worst = 0
    for j in range(ny):
        for i in range(nx):
            expected = band(spectra[(1100 + 30 * i, 1300 + 30 * j)], lo, hi)
            got = values[j * nx + i]
            worst = max(worst, abs(got - expected) / max(1.0, abs(expected)))
            checked += 1
    peak = max(range(len(values)), key=lambda k: values[k])
    print(f"ui-analysis: Raman layer {lo:.0f}-{hi:.0f} cm-1: {nx} x {ny} over x {x0:.0f}-{x1:.0f} nm, y {y0:.0f}-{y1:.0f} nm; "
          f"largest band integral {values[peak]:.1f} at column {peak % nx}, row {peak // nx} from the bottom; "
          f"worst relative difference to this script's integration {worst:.2e}")
    if worst > 1e-4:
        bad += 1
    if (peak % nx, peak // nx) != (5, 3):
        print("ui-analysis: the particle's band is not at (1250, 1400) nm"); bad += 1
print(f"ui-analysis: {checked} Raman layer values compared, {bad} problems")
sys.exit(1 if bad or checked == 0 else 0)
PY
# the |E| layer: where the tip positions of onset fem-map were (stage frame), values = its JSON in V/m
/usr/bin/python3 - "$report" "$OUT/fem-map.json" <<'PY' || fail "the field-map layer differs from onset fem-map's JSON (see above)"
import json, sys
report, path = sys.argv[1], sys.argv[2]
fm = json.load(open(path, encoding="utf-8"))
xs, ys, e = fm["x_nm"], fm["y_nm"], fm["E_V_per_nm"]
line = next((l for l in open(report, encoding="utf-8") if l.startswith("image-layer ")), None)
if line is None:
    print("ui-analysis: no image-layer line in the report"); sys.exit(1)
kv = dict(p.split("=", 1) for p in line.split()[1:])
nx, ny = int(kv["nx"]), int(kv["ny"])
x0, x1, y0, y1 = (float(kv[k]) * 1e9 for k in ("x0", "x1", "y0", "y1"))
values = [float(v) for v in kv["values"].split(",")]
step = xs[1] - xs[0] if len(xs) > 1 else 200
bad = 0
if (nx, ny) != (len(xs), len(ys)):
    print(f"ui-analysis: field-map layer {nx} x {ny}, onset fem-map has {len(xs)} x {len(ys)}"); bad += 1
want = (xs[0] - step / 2, xs[-1] + step / 2, ys[0] - step / 2, ys[-1] + step / 2)
if max(abs(a - b) for a, b in zip((x0, x1, y0, y1), want)) > 0.01:
    print(f"ui-analysis: field-map layer over x {x0:.1f}-{x1:.1f}, y {y0:.1f}-{y1:.1f} nm, expected {want}"); bad += 1
worst = max(abs(values[j * nx + i] - e[j][i] * 1e9) / (e[j][i] * 1e9) for j in range(ny) for i in range(nx))
print(f"ui-analysis: field-map layer {nx} x {ny} over x {x0:.0f}-{x1:.0f} nm, y {y0:.0f}-{y1:.0f} nm, "
      f"{len(fm['inclusions'])} grains from the topography; |E| 50 nm deep {min(values):.3g} ... {max(values):.3g} V/m; "
      f"worst relative difference to fem-map's JSON {worst:.1e} (the .gsf holds 32-bit floats)")
sys.exit(1 if bad or worst > 1e-6 or not fm["inclusions"] else 0)
PY
# exported pictures: real PNGs and SVGs; screenshots not blank
for f in "$OUT"/selftest/export/*.png; do
  [ -f "$f" ] || fail "no PNG exported"
  [ "$(identify -format '%w' "$f" 2>/dev/null || echo 0)" -ge 200 ] || fail "$f is not a picture"
done
for f in "$OUT"/selftest/export/*.svg; do grep -q '<svg' "$f" || fail "$f is not SVG"; done
grep -q 'onset bias' "$OUT/selftest/export/overlay-after-85.svg" || fail "the overlay SVG does not name the onset layer"
grep -q 'Raman band 2700' "$OUT/selftest/export/overlay-raman-2700-3000.svg" || fail "the Raman overlay SVG has no Raman colour bar"
[ "$(identify -format '%w' "$OUT/selftest/export/overlay-raman-2700-3000.png")" -gt "$(identify -format '%w' "$OUT/selftest/export/overlay-after-85.png")" ] \
  || fail "the Raman overlay PNG is not wider than the two-layer one (no room for its colour bar)"
ui_pictures "$OUT"/selftest/*.png
ui_log_clean
# the workbench stored its results beside each map file (HDF5): the numbers of onset analyze --json, and
# every dataset and attribute equal to onset analyze's own sidecar (but the time it was created)
/usr/bin/python3 - "$OUT" $MAPS <<'PY' || fail "the workbench's analysis.h5 sidecars differ from onset analyze (see above)"
import json, math, sys
import h5py, numpy as np
out, maps = sys.argv[1], sys.argv[2:]
bad = checked = 0
def same(a, b):
    # JSON writes null for a number that is not finite; HDF5 keeps the NaN
    a = float("nan") if a is None else float(a)
    b = float("nan") if b is None else float(b)
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))
def eqv(a, b):
    a, b = np.asarray(a), np.asarray(b)
    try:
        return np.array_equal(a, b, equal_nan=True)
    except TypeError:  # strings, references: no NaN to care about
        return np.array_equal(a, b)
def median(v):
    v = sorted(v)
    return v[len(v) // 2] if v else None
for m in maps:
    ui_file, cli_file = f"{out}/{m}.analysis.h5", f"{out}/{m}.cli.analysis.h5"
    j = json.load(open(f"{out}/{m}-analysis.json", encoding="utf-8"))
    try:
        f = h5py.File(ui_file, "r")
    except OSError as e:
        print(f"ui-analysis: {m}: the workbench did not store {ui_file}: {e}"); bad += 1; continue
    with f, h5py.File(cli_file, "r") as g:
        pairs = []
        t = j["topography"]
        if t:
            a = f["topography"].attrs
            pairs += [("shift_x_nm", a["shift_x_m"] * 1e9, t["shift_x_nm"]), ("shift_y_nm", a["shift_y_m"] * 1e9, t["shift_y_nm"]),
                      ("correlation", a["correlation"], t["correlation"]), ("swelling_median_nm", a["swelling_median_m"] * 1e9, t["swelling_median_nm"])]
        p = j["particles"]
        if p:
            a = f["particles"].attrs
            vol = f["particles/volume_m3"][()] if "volume_m3" in f["particles"] else []
            pairs += [("particle_count", a["count"], p["count"]), ("volume_median_nm3", median(vol) * 1e27 if len(vol) else None, p["volume_median_nm3"]),
                      ("tip_radius_nm", a["tip_radius_m"] * 1e9, j["tip_correction"]["radius_nm"])]
            if p.get("volume_tip_corrected_median_nm3") is not None:
                pairs.append(("volume_tip_corrected_median_nm3", median(f["particles/volume_tip_corrected_m3"][()]) * 1e27,
                              p["volume_tip_corrected_median_nm3"]))
        tr = j["transference"]
        if tr:
            a = f["transference"].attrs
            pairs += [("slope", a["slope_li_per_electron"], tr["slope_li_per_electron"]), ("slope_low", a["ci95_low"], tr["ci95_low"]),
                      ("slope_high", a["ci95_high"], tr["ci95_high"]), ("slope_particles", a["points"], tr["particles"])]
            if "uncorrected" in tr:
                pairs.append(("slope_uncorrected", a["uncorrected_slope_li_per_electron"], tr["uncorrected"]["slope_li_per_electron"]))
        ph = j["phases"]
        if ph:
            names = [n.decode() if isinstance(n, bytes) else n for n in f["phases/by_region/name"][()]]
            for k, n in enumerate(names):
                r = ph["by_region"][n]
                pairs += [(f"pixels_{n}", f["phases/by_region/pixels"][k], r["pixels"]),
                          (f"median_onset_{n}", f["phases/by_region/median_onset_V"][k], r["median_onset_V"])]
            if ph["mann_whitney_boundary_vs_matrix"]:
                pairs.append(("mann_whitney_p", f["phases/mann_whitney_boundary_vs_matrix"].attrs["p_two_sided"],
                              ph["mann_whitney_boundary_vs_matrix"]["p_two_sided"]))
        for key, stored, expected in pairs:
            checked += 1
            ok = same(stored, expected)
            bad += 0 if ok else 1
            if not ok:
                print(f"ui-analysis: {m} sidecar {key}: workbench {stored}, onset analyze --json {expected} DIFFERENT")
        # everything else: the same datasets and attributes as onset analyze's sidecar
        def walk(h, prefix=""):
            items = {}
            def visit(name, obj):
                items[name] = obj
            h.visititems(visit)
            return items
        fi, gi = walk(f), walk(g)
        diffs = [f"only in one: {sorted(set(fi) ^ set(gi))}"] if set(fi) != set(gi) else []
        for name in ["/"] + sorted(set(fi) & set(gi)):
            x, y = (f, g) if name == "/" else (fi[name], gi[name])
            ax = {k: v for k, v in x.attrs.items() if k != "created"}
            ay = {k: v for k, v in y.attrs.items() if k != "created"}
            if set(ax) != set(ay) or any(not eqv(ax[k], ay[k]) for k in ax):
                diffs.append(f"attributes of {name}")
            if isinstance(x, h5py.Dataset) and not eqv(x[()], y[()]):
                diffs.append(f"dataset {name}")
        checked += 1
        if diffs:
            bad += 1
            print(f"ui-analysis: {m}: the workbench's sidecar differs from onset analyze's: {diffs[:5]}")
        print(f"ui-analysis: {m}: workbench stored {ui_file}: {len(pairs)} numbers compared with onset analyze --json, "
              f"{len(fi)} datasets/groups {'= onset analyze sidecar' if not diffs else 'DIFFER'}")
print(f"ui-analysis: {checked} sidecar checks, {bad} different")
sys.exit(1 if bad or checked == 0 else 0)
PY
echo "ui-analysis: screenshots in $OUT/selftest"
echo "ui-analysis: 1 passed, 0 failed"
