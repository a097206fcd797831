#!/usr/bin/env bash
# Instruments > Manage Drivers... in the real workbench under Xvfb, through the self-test of
# org.onset.ui.drivers (-Donset.ui.drivers.selftest): the dialog lists the driver bundles, refuses a bad
# bundle with its reason (table unchanged), installs the example driver from its p2 repository zip
# (built by releng/e2e/driver-bundles-test.sh, which runs before this), and removes it again.
# Screenshots and the report under target/ui-drivers/. Needs: xvfb, imagemagick, the built product.
set -uo pipefail
UI_NAME=drivers
source "$(dirname "${BASH_SOURCE[0]}")/lib/ui-product.sh"
TIMEOUT_S="${UI_DRIVERS_TIMEOUT_S:-180}"
rm -rf "$OUT"; mkdir -p "$OUT"

ui_launcher
good=$(ls "$ROOT"/examples/acme-driver/repository/target/acme-driver-repository-*.zip 2>/dev/null | head -n1)
[ -n "$good" ] || fail "no example driver repository (releng/e2e/driver-bundles-test.sh builds it)"
echo "not a bundle" >"$OUT/not-a-bundle.jar"

export ONSET_HOME="$OUT/home"
mkdir -p "$ONSET_HOME/config" "$ONSET_HOME/logs" "$ONSET_HOME/workspace"
ui_xvfb 1400x900

ui_workbench "$TIMEOUT_S" \
  -Donset.ui.drivers.selftest="$OUT/selftest" -Donset.ui.drivers.selftest.bad="$OUT/not-a-bundle.jar" \
  -Donset.ui.drivers.selftest.good="$good"
ui_report open refused-bad installed removed
ui_pictures "$OUT"/selftest/*.png
ui_log_clean
echo "ui-drivers: screenshots in $OUT/selftest"
echo "ui-drivers: 1 passed, 0 failed"
