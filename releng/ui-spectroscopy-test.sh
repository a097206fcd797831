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
UI_NAME=spectroscopy
source "$(dirname "${BASH_SOURCE[0]}")/lib/ui-product.sh"
TESTDATA="$ROOT/../shared/testdata"
TIMEOUT_S="${UI_SPECTROSCOPY_TIMEOUT_S:-240}"
rm -rf "$OUT"; mkdir -p "$OUT"

ui_launcher
[ -f "$TESTDATA/epr/BDPA-2DFieldPower.DSC" ] || fail "no ../shared/testdata beside the repository ($TESTDATA)"

export ONSET_HOME="$OUT/home"
# the benchmark's generator writes the map the workbench opens (read from here, nothing copied from testdata)
"$ROOT/onset" bench wdf --write "$OUT/generated-map.wdf" >"$OUT/generate.log" 2>&1 \
  || fail "cannot generate the WDF map (see $OUT/generate.log)"
# a damaged file: a WDF header that promises more than the file holds
printf 'WDF1\001\000\000\000\000\002\000\000\000\000\000\000garbage' >"$OUT/damaged.wdf"

ui_xvfb 1600x1000

ui_workbench "$TIMEOUT_S" \
  -Donset.ui.spectroscopy.selftest="$OUT/selftest" \
  -Donset.ui.spectroscopy.selftest.epr="$TESTDATA/epr/BDPA-2DFieldPower.DSC,$TESTDATA/epr/test-bes3t-1D-fieldsweep.DSC" \
  -Donset.ui.spectroscopy.selftest.raman="$TESTDATA/raman/Spectrum_532nm_wdf.wdf,$TESTDATA/raman/renishaw_test_map.wdf" \
  -Donset.ui.spectroscopy.selftest.map="$OUT/generated-map.wdf" \
  -Donset.ui.spectroscopy.selftest.bad="$OUT/damaged.wdf"
ui_report file-menu part epr-field epr-g raman-open map-open band-image click overlay-normalised band-range raman-wavelength bad-file export
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
ui_pictures "$OUT"/selftest/*.png
ui_log_clean
echo "ui-spectroscopy: screenshots in $OUT/selftest"
echo "ui-spectroscopy: 1 passed, 0 failed"
