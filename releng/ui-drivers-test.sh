#!/usr/bin/env bash
# Instruments > Manage Drivers... in the real workbench under Xvfb, through the self-test of
# org.onset.ui.drivers (-Donset.ui.drivers.selftest): the dialog lists the driver bundles, refuses a bad
# bundle with its reason (table unchanged), installs the example driver from its p2 repository zip
# (built by releng/e2e/driver-bundles-test.sh, which runs before this), and removes it again.
# Screenshots and the report under target/ui-drivers/. Needs: xvfb, imagemagick, the built product.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRODUCT_DIR="$ROOT/product/target/products/org.onset.product/linux/gtk/x86_64/onset"
OUT="$ROOT/target/ui-drivers"
TIMEOUT_S="${UI_DRIVERS_TIMEOUT_S:-180}"
rm -rf "$OUT"; mkdir -p "$OUT"
XVFB_PID=""; APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  return 0
}
fail() { echo "ui-drivers: FAILED: $*" >&2; echo "ui-drivers: 0 passed, 1 failed"; cleanup; exit 1; }
trap cleanup EXIT

launcher=$(ls "$PRODUCT_DIR"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n1)
[ -n "$launcher" ] || fail "no product at $PRODUCT_DIR (build first)"
good=$(ls "$ROOT"/examples/acme-driver/repository/target/acme-driver-repository-*.zip 2>/dev/null | head -n1)
[ -n "$good" ] || fail "no example driver repository (releng/e2e/driver-bundles-test.sh builds it)"
echo "not a bundle" >"$OUT/not-a-bundle.jar"

export ONSET_HOME="$OUT/home"
mkdir -p "$ONSET_HOME/config" "$ONSET_HOME/logs" "$ONSET_HOME/workspace"
Xvfb -displayfd 5 -screen 0 1400x900x24 -nolisten tcp 5>"$OUT/display" 2>"$OUT/xvfb.log" &
XVFB_PID=$!
for _ in $(seq 50); do [ -s "$OUT/display" ] && break; sleep 0.1; done
[ -s "$OUT/display" ] || fail "Xvfb did not start (see $OUT/xvfb.log)"
export DISPLAY=":$(head -n1 "$OUT/display")"

java -Djava.library.path=/usr/lib/jni -Dfelix.cm.dir="$ONSET_HOME/config" -Donset.home="$ONSET_HOME" \
  -Donset.ui.drivers.selftest="$OUT/selftest" -Donset.ui.drivers.selftest.bad="$OUT/not-a-bundle.jar" \
  -Donset.ui.drivers.selftest.good="$good" \
  -jar "$launcher" -nosplash -consoleLog -data "$ONSET_HOME/workspace" \
  -application org.eclipse.e4.ui.workbench.swt.E4Application -product org.onset.ui.product \
  >"$OUT/workbench.log" 2>&1 &
APP_PID=$!
deadline=$(( $(date +%s) + TIMEOUT_S ))
while kill -0 "$APP_PID" 2>/dev/null; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the workbench did not finish its drivers self-test within ${TIMEOUT_S} s"
  sleep 0.5
done
APP_PID=""
report="$OUT/selftest/report.txt"
[ -f "$report" ] || fail "no self-test report (see $OUT/workbench.log)"
sed 's/^/ui-drivers: /' "$report"
grep -q '^FAIL' "$report" && fail "a self-test step failed (see above)"
for step in open refused-bad installed removed; do
  grep -q "^ok $step" "$report" || fail "step $step did not run"
done
for f in "$OUT"/selftest/*.png; do
  [ "$(convert "$f" -format '%k' info:)" -ge 16 ] || fail "screenshot $f is blank"
done
grep -q "Exception" "$OUT/workbench.log" && fail "the workbench logged an exception (see $OUT/workbench.log)"
echo "ui-drivers: screenshots in $OUT/selftest"
echo "ui-drivers: 1 passed, 0 failed"
