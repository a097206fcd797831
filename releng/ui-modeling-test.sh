#!/usr/bin/env bash
# Drives the Modeling perspective of the real workbench under Xvfb through the modeling bundle's
# self-test (org.onset.ui.modeling, -Donset.ui.modeling.selftest): the Fig. 6 example loads and is
# sketched; typed mistakes show their messages next to their fields; a coarse copy of the Fig. 6
# model opens from a file; a two-point dx sweep (0 and 160 nm) runs from the Sweep button (gmsh + getdp in a Job)
# and its plotted |E| values must equal those of the headless `onset fem sweep --json` of the same
# model; the potential image is shown; results are exported (PNG, SVG, CSV, HDF5 read back); a
# second sweep is cancelled while the solvers run and no gmsh/getdp of the workbench may be left.
# Pictures and the report under target/ui-modeling/. Needs: xvfb, imagemagick, gmsh, getdp, the built product.
set -uo pipefail
UI_NAME=modeling
source "$(dirname "${BASH_SOURCE[0]}")/lib/ui-product.sh"
TIMEOUT_S="${UI_MODELING_TIMEOUT_S:-300}"
DX="0,160"
# ./onset rebuilds the product when a source changed, and the build's clean empties target/: let that
# happen before this test writes there
ONSET_HOME="$ROOT/target/.ui-modeling-version-home" "$ROOT/onset" version >/dev/null 2>&1 || { echo "ui-modeling: FAILED: ./onset version failed" >&2; exit 1; }
rm -rf "$OUT"; mkdir -p "$OUT"

ui_launcher
command -v gmsh >/dev/null && command -v getdp >/dev/null || fail "gmsh and getdp are needed (apt-get install gmsh getdp)"
# the Fig. 6 example inside the bundle is the repository's
cmp -s "$ROOT/releng/fem/fig6-model.json" "$ROOT/bundles/org.onset.ui.modeling/models/fig6-model.json" \
  || fail "bundles/org.onset.ui.modeling/models/fig6-model.json differs from releng/fem/fig6-model.json"

# the Fig. 6 model with a coarse mesh (a case in seconds, not the accuracy of the table)
sed -e 's/"global_nm": *[0-9.]*/"global_nm": 300/' -e 's/"apex_nm": *[0-9.]*/"apex_nm": 15/' \
    -e 's/"interface_nm": *[0-9.]*/"interface_nm": 150/' \
    -e 's/"name": *"[^"]*"/"name": "Fig. 6, coarse mesh (UI test)"/' \
    "$ROOT/releng/fem/fig6-model.json" >"$OUT/fig6-coarse.json"
grep -q '"global_nm": 300' "$OUT/fig6-coarse.json" || fail "could not write the coarse model"

export ONSET_HOME="$OUT/home"
t0=$(date +%s.%N)
"$ROOT/onset" fem sweep "$OUT/fig6-coarse.json" --dx "$DX" --json -o "$OUT/headless" >"$OUT/headless.json" 2>"$OUT/headless.log" \
  || fail "onset fem sweep failed (see $OUT/headless.log)"
echo "ui-modeling: headless sweep of $DX nm in $(echo "$(date +%s.%N) - $t0" | bc | cut -c1-5) s (coarse mesh)"

ui_xvfb 1600x1000

ui_workbench "$TIMEOUT_S" \
  -Donset.ui.modeling.selftest="$OUT/selftest" -Donset.ui.modeling.selftest.model="$OUT/fig6-coarse.json" \
  -Donset.ui.modeling.selftest.dx="$DX" -Donset.ui.modeling.selftest.headless="$OUT/headless.json" \
  -Donset.ui.modeling.workdir="$OUT/runs"
ui_report fig6-example sketch validation-type validation-geometry open sweep plot-vs-headless potential-image export \
            cancel cancel-keeps-results
for f in "$OUT"/selftest/export/*.png; do
  [ "$(identify -format '%w' "$f" 2>/dev/null || echo 0)" -ge 200 ] || fail "$f is not a picture"
  [ "$(convert "$f" -format '%k' info:)" -ge 16 ] || fail "$f is blank"
done
for f in sweep potential; do
  grep -q '<svg' "$OUT/selftest/export/$f.svg" || fail "$f.svg is not SVG"
done
head -n1 "$OUT/selftest/export/sweep.csv" | grep -q 'V/nm' || fail "sweep.csv has no unit in its header"
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import h5py' 2>/dev/null; then
  /usr/bin/python3 - "$OUT/selftest/export/sweep.h5" "$OUT/headless.json" <<'PY' || fail "sweep.h5 does not hold the headless values (h5py)"
import h5py, json, sys
f = h5py.File(sys.argv[1], "r"); ref = json.load(open(sys.argv[2]))["points"]
e = f["E_V_per_nm"][()]; dx = list(f["dx_nm"][()]); d = list(f["depth_nm"][()])
for p in ref:
    v = e[dx.index(p["dx_nm"])][d.index(p["depth_nm"])]
    assert abs(v - p["E_V_per_nm"]) <= 1e-12 * abs(v), (p, v)
print("ui-modeling: sweep.h5 read with h5py: %d points equal the headless JSON" % len(ref))
PY
fi
ui_pictures "$OUT"/selftest/*.png
ui_log_clean
echo "ui-modeling: screenshots in $OUT/selftest"
echo "ui-modeling: 1 passed, 0 failed"
