#!/usr/bin/env bash
# UI smoke test: start the materialized product under Xvfb, wait for the workbench window,
# take a screenshot (target/ui-smoke/workbench.png) and fail if the window never appears or the
# screenshot is blank. Prints the time to the window. Needs: xvfb, x11-utils, imagemagick.
set -uo pipefail
UI_NAME=smoke
source "$(dirname "${BASH_SOURCE[0]}")/lib/ui-product.sh"
TIMEOUT_S="${UI_SMOKE_TIMEOUT_S:-90}"
mkdir -p "$OUT"

ui_launcher

ui_xvfb 1400x900

ws="$(mktemp -d)"
start=$(date +%s.%N)
java -Djava.library.path=/usr/lib/jni -Donset.home="$OUT/home" -Donset.ui.selftest="$OUT/selftest" -jar "$launcher" -nosplash -consoleLog -data "$ws" \
  -application org.eclipse.e4.ui.workbench.swt.E4Application -product org.onset.ui.product \
  >"$OUT/workbench.log" 2>&1 &
APP_PID=$!

shown=""
deadline=$(( $(date +%s) + TIMEOUT_S ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  kill -0 "$APP_PID" 2>/dev/null || fail "workbench exited early (see $OUT/workbench.log)"
  if xwininfo -root -tree 2>/dev/null | grep -q '"Onset"'; then shown=$(date +%s.%N); break; fi
  sleep 0.1
done
[ -n "$shown" ] || fail "no window titled Onset within ${TIMEOUT_S} s (see $OUT/workbench.log)"
window_s=$(echo "$shown - $start" | bc)
# Pictures of the whole screen once a second while the workbench runs, until one is not blank.
# The self-test closes the workbench a few seconds after start-up; on a loaded machine the window
# may paint late, so when the workbench is gone first, the self-test's own picture of the first
# perspective (taken inside the application) is what we judge.
colours=0; shot="$OUT/workbench.png"
for _ in $(seq 30); do
  sleep 1
  kill -0 "$APP_PID" 2>/dev/null || break
  import -window root "$OUT/workbench.png" 2>/dev/null || continue
  colours=$(convert "$OUT/workbench.png" -format '%k' info:)
  [ "$colours" -ge 16 ] && break
done
if [ "$colours" -lt 16 ]; then
  for _ in $(seq 300); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
  shot="$OUT/selftest/perspective-1.png"
  [ -f "$shot" ] || fail "no screenshot with content and no self-test picture (see $OUT/workbench.log)"
  colours=$(convert "$shot" -format '%k' info:)
fi
stddev=$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)
echo "ui-smoke: window after ${window_s} s; screenshot $shot ($colours colours, grey std-dev $stddev)"
[ "$colours" -ge 16 ] || fail "screenshot is blank ($colours colours)"
# the self-test add-on visits every perspective, pictures it and closes the workbench
for _ in $(seq 300); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$APP_PID" 2>/dev/null && fail "the workbench did not close after its self-test"
APP_PID=""
report="$OUT/selftest/selftest.txt"
[ -f "$report" ] || fail "no self-test report (see $OUT/workbench.log)"
cat "$report"
grep -q '^error' "$report" && fail "self-test error"
grep -q '^perspectives=4$' "$report" || fail "expected 4 perspectives"
for p in Acquisition Analysis Spectroscopy Modeling; do
  grep -q "^perspective $p .*parts=.*System" "$report" || fail "perspective $p does not show the System part"
  grep -q "^perspective $p .*parts=$p" "$report" || fail "perspective $p does not show its own part"
done
distinct=$(md5sum "$OUT"/selftest/perspective-*.png | cut -d' ' -f1 | sort -u | wc -l)
[ "$distinct" -eq 4 ] || fail "the four perspective pictures are not all different ($distinct distinct)"
ui_pictures "$OUT"/selftest/perspective-*.png
ui_log_clean
rm -rf "$ws"
echo "ui-smoke: 1 passed, 0 failed"
