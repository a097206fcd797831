# Sourced by the releng/ui-*-test.sh scripts, after they set UI_NAME (e.g. "drivers"): what every UI test
# of the real workbench does around its own steps. It defines ROOT, PRODUCT_DIR and OUT
# (target/ui-$UI_NAME), fail and cleanup (the workbench and Xvfb are stopped on any exit), and:
#   ui_launcher              the product's Equinox launcher jar in $launcher (fails without a product)
#   ui_xvfb WxH              a display of our own; DISPLAY exported
#   ui_workbench TIMEOUT_S -Dkey=value… [-- FILE…]
#                            starts the workbench with those properties (ONSET_HOME's config, logs and
#                            workspace) and the files to open, and waits until its self-test closes it
#   ui_report STEP…          prints the self-test's report.txt ($report), fails on a FAIL line or a
#                            missing step
#   ui_pictures FILE…        fails on a file that is not a picture of some colours
#   ui_log_clean             fails if the workbench logged an exception
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PRODUCT_DIR="$ROOT/product/target/products/org.onset.product/linux/gtk/x86_64/onset"
OUT="$ROOT/target/ui-$UI_NAME"
XVFB_PID=""; APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  return 0
}
fail() { echo "ui-$UI_NAME: FAILED: $*" >&2; echo "ui-$UI_NAME: 0 passed, 1 failed"; cleanup; exit 1; }
trap cleanup EXIT

ui_launcher() {
  launcher=$(ls "$PRODUCT_DIR"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n1)
  [ -n "$launcher" ] || fail "no product at $PRODUCT_DIR (build first)"
}

# Xvfb picks a free display number and tells it on fd 5: tests never collide with another display
ui_xvfb() {
  Xvfb -displayfd 5 -screen 0 "$1x24" -nolisten tcp 5>"$OUT/display" 2>"$OUT/xvfb.log" &
  XVFB_PID=$!
  for _ in $(seq 50); do [ -s "$OUT/display" ] && break; sleep 0.1; done
  [ -s "$OUT/display" ] || fail "Xvfb did not start (see $OUT/xvfb.log)"
  export DISPLAY=":$(head -n1 "$OUT/display")"
}

ui_workbench() {
  local timeout_s=$1; shift
  local properties=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do properties+=("$1"); shift; done
  [ $# -gt 0 ] && shift # the files after --
  mkdir -p "$ONSET_HOME/config" "$ONSET_HOME/logs" "$ONSET_HOME/workspace"
  java -Djava.library.path=/usr/lib/jni -Dfelix.cm.dir="$ONSET_HOME/config" -Donset.home="$ONSET_HOME" \
    "${properties[@]}" -jar "$launcher" -nosplash -consoleLog -data "$ONSET_HOME/workspace" \
    -application org.eclipse.e4.ui.workbench.swt.E4Application -product org.onset.ui.product "$@" \
    >"$OUT/workbench.log" 2>&1 &
  APP_PID=$!
  local deadline=$(( $(date +%s) + timeout_s ))
  while kill -0 "$APP_PID" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "the workbench did not finish its $UI_NAME self-test within ${timeout_s} s"
    sleep 0.5
  done
  APP_PID=""
}

ui_report() {
  local step
  report="$OUT/selftest/report.txt"
  [ -f "$report" ] || fail "no self-test report (see $OUT/workbench.log)"
  sed "s/^/ui-$UI_NAME: /" "$report"
  grep -q '^FAIL' "$report" && fail "a self-test step failed (see above)"
  for step in "$@"; do
    grep -q "^ok $step" "$report" || fail "step $step did not run"
  done
  return 0
}

ui_pictures() {
  local f
  for f in "$@"; do
    [ "$(convert "$f" -format '%k' info: 2>/dev/null || echo 0)" -ge 16 ] || fail "$f is blank or not a picture"
  done
}

ui_log_clean() {
  grep -q "Exception" "$OUT/workbench.log" && fail "the workbench logged an exception (see $OUT/workbench.log)"
  return 0
}
