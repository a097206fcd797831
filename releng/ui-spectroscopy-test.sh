#!/usr/bin/env bash
# Drives the real workbench under Xvfb through the spectroscopy bundle's self-test
# (org.onset.ui.spectroscopy, -Donset.ui.spectroscopy.selftest): EPR files from ../shared/testdata
# dropped on the Spectroscopy part (field axis, g axis with BDPA's zero crossing at g = 2.0019),
# Raman files from ../shared/testdata, a generated 100 x 100 x 1015 WDF map (onset bench wdf --write)
# with the time from the open request to the band image shown (goal <= 2 s, printed), a click on a
# map pixel whose spectrum is compared with the file's, another band range, the wavelength axis, a
# damaged file (clear message), and every plot exported as PNG, SVG and CSV.
# Pictures and the report under target/ui-spectroscopy/. Needs: xvfb, imagemagick, the built product.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRODUCT_DIR="$ROOT/product/target/products/org.onset.product/linux/gtk/x86_64/onset"
OUT="$ROOT/target/ui-spectroscopy"
TESTDATA="$ROOT/../shared/testdata"
TIMEOUT_S="${UI_SPECTROSCOPY_TIMEOUT_S:-240}"
rm -rf "$OUT"; mkdir -p "$OUT"
XVFB_PID=""; APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  return 0
}
fail() { echo "ui-spectroscopy: FAILED: $*" >&2; echo "ui-spectroscopy: 0 passed, 1 failed"; cleanup; exit 1; }
trap cleanup EXIT

launcher=$(ls "$PRODUCT_DIR"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n1)
[ -n "$launcher" ] || fail "no product at $PRODUCT_DIR (build first)"
[ -f "$TESTDATA/epr/BDPA-2DFieldPower.DSC" ] || fail "no ../shared/testdata beside the repository ($TESTDATA)"

export ONSET_HOME="$OUT/home"
# the benchmark's generator writes the map the workbench opens (read from here, nothing copied from testdata)
"$ROOT/onset" bench wdf --write "$OUT/generated-map.wdf" >"$OUT/generate.log" 2>&1 \
  || fail "cannot generate the WDF map (see $OUT/generate.log)"
# a damaged file: a WDF header that promises more than the file holds
printf 'WDF1\001\000\000\000\000\002\000\000\000\000\000\000garbage' >"$OUT/damaged.wdf"

Xvfb -displayfd 5 -screen 0 1600x1000x24 -nolisten tcp 5>"$OUT/display" 2>"$OUT/xvfb.log" &
XVFB_PID=$!
for _ in $(seq 50); do [ -s "$OUT/display" ] && break; sleep 0.1; done
[ -s "$OUT/display" ] || fail "Xvfb did not start (see $OUT/xvfb.log)"
export DISPLAY=":$(head -n1 "$OUT/display")"

mkdir -p "$ONSET_HOME/workspace"
java -Djava.library.path=/usr/lib/jni -Dfelix.cm.dir="$ONSET_HOME/config" -Donset.home="$ONSET_HOME" \
  -Donset.ui.spectroscopy.selftest="$OUT/selftest" \
  -Donset.ui.spectroscopy.selftest.epr="$TESTDATA/epr/BDPA-2DFieldPower.DSC,$TESTDATA/epr/test-bes3t-1D-fieldsweep.DSC" \
  -Donset.ui.spectroscopy.selftest.raman="$TESTDATA/raman/Spectrum_532nm_wdf.wdf,$TESTDATA/raman/renishaw_test_map.wdf" \
  -Donset.ui.spectroscopy.selftest.map="$OUT/generated-map.wdf" \
  -Donset.ui.spectroscopy.selftest.bad="$OUT/damaged.wdf" \
  -jar "$launcher" -nosplash -consoleLog -data "$ONSET_HOME/workspace" \
  -application org.eclipse.e4.ui.workbench.swt.E4Application -product org.onset.ui.product \
  >"$OUT/workbench.log" 2>&1 &
APP_PID=$!
deadline=$(( $(date +%s) + TIMEOUT_S ))
while kill -0 "$APP_PID" 2>/dev/null; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the workbench did not finish its spectroscopy self-test within ${TIMEOUT_S} s"
  sleep 0.5
done
APP_PID=""
report="$OUT/selftest/report.txt"
[ -f "$report" ] || fail "no self-test report (see $OUT/workbench.log)"
sed 's/^/ui-spectroscopy: /' "$report"
grep -q '^FAIL' "$report" && fail "a self-test step failed (see above)"
for step in file-menu part epr-field epr-g raman-open map-open band-image click overlay-normalised band-range raman-wavelength bad-file export; do
  grep -q "^ok $step" "$report" || fail "step $step did not run"
done
for f in "$OUT"/selftest/export/*.png; do
  [ -f "$f" ] || fail "no exported PNG"
  [ "$(identify -format '%w' "$f" 2>/dev/null || echo 0)" -ge 200 ] || fail "$f is not a picture"
  [ "$(convert "$f" -format '%k' info:)" -ge 16 ] || fail "$f is blank"
done
for f in "$OUT"/selftest/export/*.svg; do
  grep -q '<svg' "$f" || fail "$f is not SVG"
done
grep -q 'g-factor' "$OUT/selftest/export/epr.svg" || fail "the EPR SVG has no g-factor axis"
grep -q 'Band integral' "$OUT/selftest/export/band-map.svg" || fail "the band-map SVG has no title"
head -n1 "$OUT/selftest/export/raman.csv" | grep -q 'Raman shift' || fail "the Raman CSV header names no Raman shift"
for f in "$OUT"/selftest/*.png; do
  [ "$(convert "$f" -format '%k' info:)" -ge 16 ] || fail "screenshot $f is blank"
done
grep -q "Exception" "$OUT/workbench.log" && fail "the workbench logged an exception (see $OUT/workbench.log)"
echo "ui-spectroscopy: screenshots in $OUT/selftest"
echo "ui-spectroscopy: 1 passed, 0 failed"
