#!/usr/bin/env bash
# Drives the real workbench under Xvfb through the maps bundle's self-test
# (org.onset.ui.maps, -Donset.ui.maps.selftest): a map file opens from the command line; a small
# simulated map (paced in real time, so that there is time to pause) starts from the run control,
# the live maps fill, a click on a pixel shows its curve in the inspector (compared with the file),
# Pause, Resume, Abort from the window trim (bias 0 V); maps are exported as PNG and SVG.
# Pictures and the report under target/ui-maps/. Needs: xvfb, imagemagick, the built product.
set -uo pipefail
UI_NAME=maps
source "$(dirname "${BASH_SOURCE[0]}")/lib/ui-product.sh"
TIMEOUT_S="${UI_MAPS_TIMEOUT_S:-240}"
rm -rf "$OUT"; mkdir -p "$OUT"

ui_launcher

export ONSET_HOME="$OUT/home"
# a simulator paced at 20x real time: a pixel takes ~0.15 s, time enough to pause and resume
"$ROOT/onset" drivers add-sim uitest --set timing=realtime --set timing.speedup=20 >"$OUT/drivers.log" 2>&1 \
  || fail "cannot add the simulated instrument (see $OUT/drivers.log)"
cat >"$OUT/live.json" <<'JSON'
{
  "name": "UI test: 8 x 8 at 20 nm, current control",
  "instrument_id": "uitest",
  "grid": { "nx": 8, "ny": 8, "spacing_nm": 20, "x0_nm": 900, "y0_nm": 900 },
  "ramp": { "end_V": -4.2, "rate_V_per_s": 1.2 },
  "cutoff": { "current_pA": -10 }
}
JSON
# a complete map file for the command line (virtual time: the default simulator of a second home)
ONSET_HOME="$OUT/home-batch" "$ROOT/onset" map "$ROOT/releng/recipes/quick.json" -o "$OUT/quick.h5" >"$OUT/map.log" 2>&1 \
  || fail "onset map failed (see $OUT/map.log)"
# a second file for the command line and a third to drop: three map files side by side
cp "$OUT/quick.h5" "$OUT/quick-2.h5"
cp "$OUT/quick.h5" "$OUT/dropped.h5"

ui_xvfb 1600x1000

ui_workbench "$TIMEOUT_S" \
  -Donset.ui.maps.selftest="$OUT/selftest" -Donset.ui.maps.selftest.recipe="$OUT/live.json" \
  -Donset.ui.maps.selftest.output="$OUT/live.h5" -Donset.ui.maps.selftest.drop="$OUT/dropped.h5" \
  -Donset.ui.maps.selftest.closing="$OUT/closing.h5" \
  -- "$OUT/quick.h5" "$OUT/quick-2.h5"
ui_report cmdline-open export-file analysis-list start live-fill inspector-vs-file inspector-cutoff arrow-key \
            pause resume abort resume-file live-vs-file export-live drop side-by-side close-dialog
grep -q "^ok start from the Recipe part's Start, preset 'Current control" "$report" \
  || fail "the map did not start from the Recipe part's current-control preset"
# closing the window while a map ran: the answer paused it and closed its file, which can be resumed
"$ROOT/onset" inspect "$OUT/closing.h5" --json >"$OUT/closing.json" 2>"$OUT/closing.err" \
  || fail "the map file left by closing the window does not open (see $OUT/closing.err)"
grep -q '"complete": false' "$OUT/closing.json" || fail "closing.h5 should be an interrupted map"
stored=$(sed -n 's/.*"pixels_stored": \([0-9]*\).*/\1/p' "$OUT/closing.json" | head -n1)
[ "${stored:-0}" -ge 2 ] || fail "closing.h5 holds ${stored:-no} pixels (at least 2 were measured before closing)"
"$ROOT/onset" verify "$OUT/closing.h5" >"$OUT/closing-verify.log" 2>&1 || fail "onset verify closing.h5 failed (see $OUT/closing-verify.log)"
echo "ui-maps: closing.h5 left paused and closed with $stored pixels; onset verify passes"
# the command-line file holds every pixel of quick.json (10 x 10)
grep -q '^ok cmdline-open .*measured=100 of 100' "$report" || fail "the command-line map file does not show its 100 pixels"
# exported pictures: PNGs that are real pictures, SVGs that are SVG with the map's title
for d in export-file export-live; do
  for f in "$OUT/selftest/$d"/*.png; do
    [ -f "$f" ] || fail "no PNG in $d"
    [ "$(identify -format '%w' "$f" 2>/dev/null || echo 0)" -ge 200 ] || fail "$f is not a picture"
    [ "$(convert "$f" -format '%k' info:)" -ge 16 ] || fail "$f is blank"
  done
  for f in "$OUT/selftest/$d"/*.svg; do
    [ -f "$f" ] || fail "no SVG in $d"
    grep -q '<svg' "$f" || fail "$f is not SVG"
  done
done
grep -q 'Onset bias' "$OUT/selftest/export-live/live_onset.svg" || fail "the onset SVG has no title"
ui_pictures "$OUT"/selftest/*.png
ui_log_clean
echo "ui-maps: screenshots in $OUT/selftest"
echo "ui-maps: 1 passed, 0 failed"
