#!/usr/bin/env bash
# End-to-end crash test on the real product and the real simulator: start `onset map`, kill -9 it
# mid-map, `--resume` it, and compare the file pixel by pixel with an uninterrupted run of the same
# recipe (same simulated sample seed). The simulated instrument is a drift-free one made for this
# test: lateral drift depends on the instrument's running time, which restarts with the process, so
# with drift a resumed map really measures other spots (as a real instrument would). Its own
# ONSET_HOME keeps the user's instrument configurations out of it.
# Prints "map-resume: 1 passed, 0 failed" or fails.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/target/map-resume"
rm -rf "$OUT"; mkdir -p "$OUT"
fail() { echo "map-resume: FAILED: $*" >&2; echo "map-resume: 0 passed, 1 failed"; exit 1; }
export ONSET_HOME="$OUT/home"
"$ROOT/onset" drivers add-sim crash-sim --set driftX=0 --set driftY=0 --set driftZ=0 >"$OUT/drivers.log" 2>&1 \
  || fail "cannot create the drift-free simulator (see $OUT/drivers.log)"
recipe="$OUT/recipe.json"
cat > "$recipe" <<'JSON'
{ "name": "crash test: 40 x 40 at 20 nm, current control",
  "instrument_id": "crash-sim",
  "grid": { "nx": 40, "ny": 40, "spacing_nm": 20, "x0_nm": 500, "y0_nm": 500 },
  "order": "serpentine",
  "ramp": { "end_V": -4.2, "rate_V_per_s": 1.2 },
  "cutoff": { "current_pA": -10 },
  "settle_s": 0 }
JSON
written() { /usr/bin/python3 -c "import h5py,sys; f=h5py.File(sys.argv[1],'r'); print(int(f['Measurement_000/Pixels/written'][:].sum()))" "$1" 2>/dev/null || echo 0; }

# 1. the interrupted run: kill -9 once some pixels are in the file
"$ROOT/onset" map "$recipe" -o "$OUT/resumed.h5" >"$OUT/run1.log" 2>&1 &
pid=$!
killed=""
for _ in $(seq 600); do
  sleep 0.05
  kill -0 "$pid" 2>/dev/null || break
  # the file is locked while written; h5py reads it only after the kill, so watch the log instead
  if grep -qE '\] +[0-9]{3,}/1600' "$OUT/run1.log"; then
    pkill -9 -P "$pid" 2>/dev/null; kill -9 "$pid" 2>/dev/null; killed=yes; break
  fi
done
wait "$pid" 2>/dev/null
[ -n "$killed" ] || fail "the map ended before it could be killed (see $OUT/run1.log)"
n=$(written "$OUT/resumed.h5")
echo "map-resume: killed with kill -9 after $n of 1600 pixels were in the file"
[ "$n" -gt 0 ] && [ "$n" -lt 1600 ] || fail "expected a partial file, found $n pixels"

# 2. resume to the end
"$ROOT/onset" map "$recipe" -o "$OUT/resumed.h5" --resume >"$OUT/run2.log" 2>&1 || fail "resume failed (see $OUT/run2.log)"
[ "$(written "$OUT/resumed.h5")" -eq 1600 ] || fail "resumed file is not complete"
# the repair of the killed file is in the log file under ONSET_HOME (org.onset.logging)
grep -q "WARN  org.onset.storage.hdf5 .*instrument 'crash-sim': resumed map file .*resumed.h5 was not closed cleanly" \
  "$ONSET_HOME/logs/onset.log" 2>/dev/null || fail "no repair entry in $ONSET_HOME/logs/onset.log"
echo "map-resume: logged: $(grep -m1 "not closed cleanly" "$ONSET_HOME/logs/onset.log")"

# 3. the same recipe without interruption
"$ROOT/onset" map "$recipe" -o "$OUT/uninterrupted.h5" >"$OUT/run3.log" 2>&1 || fail "uninterrupted run failed (see $OUT/run3.log)"

/usr/bin/python3 "$ROOT/releng/e2e/compare_maps.py" "$OUT/resumed.h5" "$OUT/uninterrupted.h5" || fail "files differ"
rm -rf "$OUT"/*.h5 "$OUT/home"
echo "map-resume: 1 passed, 0 failed"
