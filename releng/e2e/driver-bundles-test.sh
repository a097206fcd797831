#!/usr/bin/env bash
# Driver bundles at runtime, end to end on the real product: the third-party example driver
# (examples/acme-driver, its own Tycho build against the SDK repository releng/sdk built by the main
# build; offline, from the same local Maven repository) is built — its build runs Onset's conformance
# suite against it — then installed into the product, kept across restarts, configured, used for a
# small map, updated and removed (installed from the example's p2 repository zip through the p2
# runtime, updated from a jar). Bad bundles (not a jar, an incompatible driver-API range, an
# unresolvable import, an activation that fails) are refused with their reason, and
# `onset drivers list --bundles` is byte-identical before and after each refusal. The conformance
# suite also runs inside the product against the installed driver (onset drivers test).
# Prints "driver-bundles: N passed, 0 failed" or fails.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/target/driver-bundles"
rm -rf "$OUT"; mkdir -p "$OUT"
export ONSET_HOME="$OUT/home"
passed=0
fail() { echo "driver-bundles: FAILED: $*" >&2; echo "driver-bundles: $passed passed, 1 failed"; exit 1; }
ok() { passed=$((passed + 1)); echo "driver-bundles: ok: $*"; }
onset() { "$ROOT/onset" "$@"; }

# 1. build the example against the SDK repository of this build (offline: CI has Central only, and
#    the main build already brought every artifact the example needs into the local repository)
[ -f "$ROOT/releng/sdk/target/repository/content.jar" ] || fail "no SDK repository: build the project first (releng/sdk)"
t0=$SECONDS
if ! (cd "$ROOT/examples/acme-driver" && "$ROOT/mvnw" -B -ntp -o ${ONSET_MAVEN_REPO:+-Dmaven.repo.local=$ONSET_MAVEN_REPO} \
      clean verify) >"$OUT/example-build.log" 2>&1; then
  tail -n 30 "$OUT/example-build.log" >&2
  fail "the example driver did not build or its conformance tests failed (log: $OUT/example-build.log)"
fi
grep -E '^Tests run: [0-9]+, Failures: 0, Errors: 0' "$OUT/example-build.log" | tail -n 1 | sed 's/^/driver-bundles: example conformance: /'
ok "example built and passed the conformance suite in $((SECONDS - t0)) s"
ACME="$(ls "$ROOT"/examples/acme-driver/org.example.acme.driver/target/org.example.acme.driver-*.jar | head -n1)"
[ -f "$ACME" ] || fail "no example driver jar"

# 2. bad bundles: refused with the reason, the list byte-identical
onset drivers list --bundles >"$OUT/before.txt" 2>"$OUT/before.err" || fail "drivers list --bundles: $(cat "$OUT/before.err")"
grep -q '^org.onset.instrument.sim ' "$OUT/before.txt" || fail "the built-in simulator is not listed: $(cat "$OUT/before.txt")"
mkdir -p "$OUT/bad"
echo "not a jar" >"$OUT/bad/text.jar"
manifest() { # manifest NAME HEADER... : a bundle jar with these headers and nothing else
  local name=$1; shift
  printf '%s\n' "Manifest-Version: 1.0" "Bundle-ManifestVersion: 2" "$@" >"$OUT/bad/$name.mf"
  (cd "$OUT/bad" && jar --create --file "$name.jar" --manifest "$name.mf") || fail "cannot build $name.jar"
}
manifest future "Bundle-SymbolicName: org.example.future" "Bundle-Version: 1.0.0" \
  'Import-Package: org.onset.instrument.api;version="[2.0,3)"'
manifest unresolvable "Bundle-SymbolicName: org.example.unresolvable" "Bundle-Version: 1.0.0" \
  'Import-Package: org.onset.instrument.api;version="[1.1,1.2)",org.example.nowhere'
# the example driver with an activator that is not there: its activation fails
cp "$ACME" "$OUT/bad/activation.jar"
printf 'Bundle-Activator: org.example.acme.driver.internal.Missing\n' >"$OUT/bad/activation.mf"
(cd "$OUT/bad" && jar --update --file activation.jar --manifest activation.mf) 2>/dev/null || fail "cannot build activation.jar"
declare -A reason=(
  [text]="not a bundle"
  [future]="incompatible driver API: org.example.future 1.0.0 needs org.onset.instrument.api [2.0.0,3.0.0), this Onset provides"
  [unresolvable]="org.example.nowhere"
  [activation]="activation of org.example.acme.driver"
)
mkdir -p "$OUT/bad/norepo.d" && echo "not p2" >"$OUT/bad/norepo.d/readme.txt"
reason[norepo]="not a p2 repository"
for b in text future unresolvable activation norepo; do
  src="$OUT/bad/$b.jar"; [ "$b" = norepo ] && src="$OUT/bad/norepo.d/"
  if onset drivers install "$src" >"$OUT/bad/$b.out" 2>"$OUT/bad/$b.err"; then
    fail "$b.jar was installed"
  fi
  grep -qF -- "${reason[$b]}" "$OUT/bad/$b.err" || fail "$b.jar: the refusal does not say '${reason[$b]}': $(cat "$OUT/bad/$b.err")"
  grep -q "nothing was changed" "$OUT/bad/$b.err" || fail "$b.jar: no 'nothing was changed'"
  onset drivers list --bundles >"$OUT/bad/$b.list" 2>&1
  cmp -s "$OUT/before.txt" "$OUT/bad/$b.list" || { diff "$OUT/before.txt" "$OUT/bad/$b.list" >&2; fail "the list changed after refusing $b.jar"; }
  echo "driver-bundles: refused $(basename "$src"): $(head -n1 "$OUT/bad/$b.err" | sed 's/.* refused: //')"
done
ok "4 bad bundles and a folder that is no p2 repository refused with their reason, drivers list --bundles byte-identical after each"

# 3. install from the example's p2 repository (a zip, read through the p2 runtime); the next start
#    (every onset command is one) has it
REPO_ZIP="$(ls "$ROOT"/examples/acme-driver/repository/target/acme-driver-repository-*.zip | head -n1)"
[ -f "$REPO_ZIP" ] || fail "the example build made no p2 repository zip"
onset drivers install "$REPO_ZIP" >"$OUT/install.out" 2>&1 || fail "install from $REPO_ZIP: $(cat "$OUT/install.out")"
grep -q "from the p2 repository" "$OUT/install.out" || fail "not installed through p2: $(cat "$OUT/install.out")"
onset drivers list --bundles >"$OUT/installed.txt" 2>&1
grep -q '^org.example.acme.driver 1.0.0.* ACTIVE  installed$' "$OUT/installed.txt" || fail "not listed as installed: $(cat "$OUT/installed.txt")"
[ -f "$ONSET_HOME/drivers/org.example.acme.driver.jar" ] || fail "not kept in \$ONSET_HOME/drivers"
ok "installed from the p2 repository zip, ACTIVE at the next start"

# 4. an instrument of it and a small map (3 x 3 on its virtual stage; 1 GΩ dummy cell: −1 nA at −1 V)
onset drivers add acme1 --type org.example.acme.driver --set resistance=1e9 >"$OUT/add.out" 2>&1 || fail "add: $(cat "$OUT/add.out")"
cat >"$OUT/recipe.json" <<'JSON'
{ "name": "Acme dummy cell: 3 x 3, 0 -> -2 V at 2 V/s, cutoff -1 nA",
  "instrument_id": "acme1",
  "grid": { "nx": 3, "ny": 3, "spacing_nm": 100, "x0_nm": 1000, "y0_nm": 1000 },
  "order": "raster",
  "ramp": { "start_V": 0, "end_V": -2, "rate_V_per_s": 2 },
  "cutoff": { "current_pA": -1000 },
  "settle_s": 0,
  "sample_rate_Hz": 10000,
  "limits": { "min_bias_V": -5, "max_bias_V": 1, "max_rate_V_per_s": 5, "watchdog_margin_s": 10 } }
JSON
onset map "$OUT/recipe.json" -o "$OUT/acme.h5" >"$OUT/map.out" 2>&1 || fail "map: $(tail -n 20 "$OUT/map.out")"
onset inspect "$OUT/acme.h5" --json >"$OUT/inspect.json" 2>&1 || fail "inspect: $(cat "$OUT/inspect.json")"
/usr/bin/python3 - "$OUT/acme.h5" <<'PY' || fail "the map file is not what the dummy cell gives"
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
written = int(f["Measurement_000/Pixels/written"][:].sum())
assert written == 9, f"{written} of 9 pixels written"
onset = None
for name in ("Measurement_000/Onset_Bias/Raw_Data", "Measurement_000/Channel_000/Raw_Data"):
    if name in f:
        onset = np.asarray(f[name][:]).ravel()
        break
if onset is not None:
    # the 1 GΩ cell crosses −1 nA at −1.0 V (one sample of 0.2 mV at 10 kHz, 2 V/s)
    assert np.all(np.abs(onset + 1.0) < 0.01), f"onset biases {onset}"
    print("driver-bundles: map: 9 pixels, onset bias", float(np.median(onset)), "V")
else:
    print("driver-bundles: map: 9 pixels")
PY
ok "3 x 3 map on the installed driver"

# 4b. Onset's conformance suite, run inside the product against the driver installed at runtime: a
#     configuration of its own (real-time ramps, which the suite's abort test needs) on the 1 GΩ
#     dummy cell, ramped to −2 V; each test creates and deletes its own driver from these settings
onset drivers add acme-conf --type org.example.acme.driver --set resistance=1e9 --set realTime=true \
  >"$OUT/add-conf.out" 2>&1 || fail "add acme-conf: $(cat "$OUT/add-conf.out")"
onset drivers test acme-conf --resistor 1e9 -2 >"$OUT/conformance.out" 2>&1 \
  || fail "conformance suite in the product: $(tail -n 30 "$OUT/conformance.out")"
summary="$(grep -E '^[0-9]+ tests: [0-9]+ passed, 0 failed, [0-9]+ skipped$' "$OUT/conformance.out")" \
  || fail "no conformance summary: $(tail -n 30 "$OUT/conformance.out")"
[ "$(echo "$summary" | sed -E 's/^[0-9]+ tests: ([0-9]+) passed.*/\1/')" -ge 15 ] || fail "too few conformance tests passed: $summary"
echo "driver-bundles: conformance in the product: $summary"
onset drivers remove acme-conf >"$OUT/remove-conf.out" 2>&1 || fail "remove acme-conf: $(cat "$OUT/remove-conf.out")"
ok "conformance suite run inside the product against the installed driver"

# 5. update to another version of the same bundle (the manifest's version changed)
cp "$ACME" "$OUT/acme-1.0.1.jar"
printf 'Bundle-Version: 1.0.1\n' >"$OUT/v101.mf"
(cd "$OUT" && jar --update --file acme-1.0.1.jar --manifest v101.mf) 2>/dev/null || fail "cannot make 1.0.1"
onset drivers update "$OUT/acme-1.0.1.jar" >"$OUT/update.out" 2>&1 || fail "update: $(cat "$OUT/update.out")"
onset drivers list --bundles >"$OUT/updated.txt" 2>&1
grep -q '^org.example.acme.driver 1.0.1  ACTIVE  installed$' "$OUT/updated.txt" || fail "update not listed: $(cat "$OUT/updated.txt")"
# a refused update keeps 1.0.1
onset drivers update "$OUT/bad/activation.jar" >"$OUT/update-bad.out" 2>&1 && fail "a failing activation was accepted as update"
onset drivers list --bundles >"$OUT/updated2.txt" 2>&1
cmp -s "$OUT/updated.txt" "$OUT/updated2.txt" || fail "a refused update changed the list"
ok "updated to 1.0.1; a refused update left it so"

# 6. remove: the list is byte-identical to the one before the install
onset drivers remove org.example.acme.driver >"$OUT/remove.out" 2>&1 || fail "remove: $(cat "$OUT/remove.out")"
onset drivers list --bundles >"$OUT/removed.txt" 2>&1
cmp -s "$OUT/before.txt" "$OUT/removed.txt" || { diff "$OUT/before.txt" "$OUT/removed.txt" >&2; fail "the list after remove differs from before install"; }
[ ! -e "$ONSET_HOME/drivers/org.example.acme.driver.jar" ] || fail "the jar is still in \$ONSET_HOME/drivers"
onset drivers list >"$OUT/instruments.txt" 2>&1
grep -q 'acme1  (configured, no driver service)' "$OUT/instruments.txt" || fail "acme1's configuration is not shown as driverless: $(cat "$OUT/instruments.txt")"
ok "removed; list as before the install; acme1 stays configured without a driver"

echo "driver-bundles: $passed passed, 0 failed"
