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
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRODUCT_DIR="$ROOT/product/target/products/org.onset.product/linux/gtk/x86_64/onset"
OUT="$ROOT/target/ui-modeling"
TIMEOUT_S="${UI_MODELING_TIMEOUT_S:-300}"
DX="0,160"
# ./onset rebuilds the product when a source changed, and the build's clean empties target/: let that
# happen before this test writes there
ONSET_HOME="$ROOT/target/.ui-modeling-version-home" "$ROOT/onset" version >/dev/null 2>&1 || { echo "ui-modeling: FAILED: ./onset version failed" >&2; exit 1; }
rm -rf "$OUT"; mkdir -p "$OUT"
XVFB_PID=""; APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  return 0
}
fail() { echo "ui-modeling: FAILED: $*" >&2; echo "ui-modeling: 0 passed, 1 failed"; cleanup; exit 1; }
trap cleanup EXIT

launcher=$(ls "$PRODUCT_DIR"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n1)
[ -n "$launcher" ] || fail "no product at $PRODUCT_DIR (build first)"
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

Xvfb -displayfd 5 -screen 0 1600x1000x24 -nolisten tcp 5>"$OUT/display" 2>"$OUT/xvfb.log" &
XVFB_PID=$!
for _ in $(seq 50); do [ -s "$OUT/display" ] && break; sleep 0.1; done
[ -s "$OUT/display" ] || fail "Xvfb did not start (see $OUT/xvfb.log)"
export DISPLAY=":$(head -n1 "$OUT/display")"

mkdir -p "$ONSET_HOME/workspace"
java -Djava.library.path=/usr/lib/jni -Dfelix.cm.dir="$ONSET_HOME/config" -Donset.home="$ONSET_HOME" \
  -Donset.ui.modeling.selftest="$OUT/selftest" -Donset.ui.modeling.selftest.model="$OUT/fig6-coarse.json" \
  -Donset.ui.modeling.selftest.dx="$DX" -Donset.ui.modeling.selftest.headless="$OUT/headless.json" \
  -Donset.ui.modeling.workdir="$OUT/runs" \
  -jar "$launcher" -nosplash -consoleLog -data "$ONSET_HOME/workspace" \
  -application org.eclipse.e4.ui.workbench.swt.E4Application -product org.onset.ui.product \
  >"$OUT/workbench.log" 2>&1 &
APP_PID=$!
deadline=$(( $(date +%s) + TIMEOUT_S ))
while kill -0 "$APP_PID" 2>/dev/null; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the workbench did not finish its modeling self-test within ${TIMEOUT_S} s"
  sleep 0.5
done
APP_PID=""
report="$OUT/selftest/report.txt"
[ -f "$report" ] || fail "no self-test report (see $OUT/workbench.log)"
sed 's/^/ui-modeling: /' "$report"
grep -q '^FAIL' "$report" && fail "a self-test step failed (see above)"
for step in fig6-example sketch validation-type validation-geometry open sweep plot-vs-headless potential-image export \
            cancel cancel-keeps-results; do
  grep -q "^ok $step" "$report" || fail "step $step did not run"
done
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
for f in "$OUT"/selftest/*.png; do
  [ "$(convert "$f" -format '%k' info:)" -ge 16 ] || fail "screenshot $f is blank"
done
grep -q "Exception" "$OUT/workbench.log" && fail "the workbench logged an exception (see $OUT/workbench.log)"
echo "ui-modeling: screenshots in $OUT/selftest"
echo "ui-modeling: 1 passed, 0 failed"
