#!/usr/bin/env bash
# Benchmark of the workbench's live maps and map files (figures, never a failure on a time):
#  - a virtual-time 70 x 70 current-control map run headless (live maps hidden) and with the live
#    maps shown, in the same workbench: wall time of each and the live maps' updates per second;
#  - opening the demo's current_control.h5 (~1 GB, written by `./onset demo` first) to the shown maps.
# Usage: releng/ui-maps-bench.sh [DEMO_FILE]   (without DEMO_FILE it runs ./onset demo into target/)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRODUCT_DIR="$ROOT/product/target/products/org.onset.product/linux/gtk/x86_64/onset"
OUT="$ROOT/target/ui-maps-bench"
rm -rf "$OUT/selftest" "$OUT/home"; mkdir -p "$OUT"
XVFB_PID=""; APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  return 0
}
trap cleanup EXIT
fail() { echo "ui-maps-bench: FAILED: $*" >&2; exit 1; }
launcher=$(ls "$PRODUCT_DIR"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n1)
[ -n "$launcher" ] || fail "no product at $PRODUCT_DIR (build first)"
demo="${1:-}"
if [ -z "$demo" ]; then
  ONSET_HOME="$OUT/home-demo" "$ROOT/onset" demo -o "$OUT/demo" >"$OUT/demo.log" 2>&1 || fail "onset demo failed (see $OUT/demo.log)"
  demo="$OUT/demo/current_control.h5"
fi
Xvfb -displayfd 5 -screen 0 1600x1000x24 -nolisten tcp 5>"$OUT/display" 2>"$OUT/xvfb.log" &
XVFB_PID=$!
for _ in $(seq 50); do [ -s "$OUT/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$OUT/display")"
export ONSET_HOME="$OUT/home"; mkdir -p "$ONSET_HOME/workspace"
echo "ui-maps-bench: load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
java -Djava.library.path=/usr/lib/jni -Dfelix.cm.dir="$ONSET_HOME/config" -Donset.home="$ONSET_HOME" \
  -Donset.ui.maps.selftest="$OUT/selftest" -Donset.ui.maps.bench.recipe="$ROOT/releng/recipes/current-control.json" \
  -Donset.ui.maps.bench.dir="$OUT" -Donset.ui.maps.bench.file="$demo" \
  -jar "$launcher" -nosplash -consoleLog -data "$ONSET_HOME/workspace" \
  -application org.eclipse.e4.ui.workbench.swt.E4Application -product org.onset.ui.product >"$OUT/workbench.log" 2>&1 &
APP_PID=$!
wait "$APP_PID"; APP_PID=""
[ -f "$OUT/selftest/report.txt" ] || fail "no report (see $OUT/workbench.log)"
grep -E '^(bench|FAIL)' "$OUT/selftest/report.txt" | sed 's/^/ui-maps-bench: /'
echo "ui-maps-bench: load after: $(cut -d' ' -f1-3 /proc/loadavg); screenshots in $OUT/selftest"
