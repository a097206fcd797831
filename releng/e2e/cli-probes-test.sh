#!/usr/bin/env bash
# Hostile probes of the command line on the real product (issue 9): a home that cannot be
# written, recipes that used to crash, and signals at spread-out moments of a map — from the first
# milliseconds (before and while the file is created) through topography, pixels and completion.
# Every interrupted file must resume to the same map as an uninterrupted run of the recipe
# (compared pixel by pixel, releng/e2e/compare_maps.py). Prints "cli-probes: N passed, M failed".
set -uo pipefail
# job control: without it a background job starts with SIGINT ignored, and the JVM then ignores
# Ctrl-C for good (it keeps a signal's disposition when that was "ignore" at start)
set -m
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/target/cli-probes"
rm -rf "$OUT"; mkdir -p "$OUT"
export ONSET_HOME="$OUT/home"
passed=0; failed=0; missing_line=0
ok()  { passed=$((passed + 1)); echo "cli-probes: ok   $*"; }
bad() { failed=$((failed + 1)); echo "cli-probes: FAIL $*" >&2; }
onset() { "$ROOT/onset" "$@"; }

# 1. a home that cannot be written (root ignores permissions, so a path under /proc)
ONSET_HOME=/proc/onset-probe onset drivers list >"$OUT/home.out" 2>"$OUT/home.err"; st=$?
if [ "$st" -eq 1 ] && grep -q "is not a writable directory" "$OUT/home.err" && [ "$(wc -l <"$OUT/home.err")" -le 3 ] \
   && ! grep -q "Exception" "$OUT/home.err"; then ok "unwritable ONSET_HOME: exit 1, $(head -c 90 "$OUT/home.err")…"
else bad "unwritable ONSET_HOME: exit $st: $(head -c 400 "$OUT/home.err")"; fi

# 2. recipes that used to overflow the stack or be accepted
deep="$OUT/deep.json"
python3 - "$deep" <<'PY'
import sys
rule = '{"current_pA": -10}'
for _ in range(3000):
    rule = '{"any": [%s, {"height_nm": 8}]}' % rule
open(sys.argv[1], "w").write('{"name": "deep", "instrument_id": "sim", "grid": {"nx": 2, "ny": 2, "spacing_nm": 20},'
    ' "ramp": {"end_V": -4.2, "rate_V_per_s": 1.2}, "cutoff": %s}' % rule)
PY
onset map "$deep" -o "$OUT/deep.h5" >"$OUT/deep.out" 2>"$OUT/deep.err"; st=$?
if [ "$st" -eq 2 ] && grep -q "nests deeper than 40 levels" "$OUT/deep.err" && ! grep -q "StackOverflow" "$OUT/deep.err" \
   && [ ! -e "$OUT/deep.h5" ]; then ok "cutoff rule 3000 levels deep: exit 2, named, no file"
else bad "deep rule: exit $st: $(head -c 400 "$OUT/deep.err")"; fi
printf '{"name": "dup", "instrument_id": "sim", "grid": {"nx": 2, "nx": 70, "ny": 2, "spacing_nm": 20}, "ramp": {"end_V": -4.2, "rate_V_per_s": 1.2}, "cutoff": "none", "sample_rate_Hz": 0.001}' >"$OUT/dup.json"
onset map "$OUT/dup.json" -o "$OUT/dup.h5" >"$OUT/dup.out" 2>"$OUT/dup.err"; st=$?
if [ "$st" -eq 2 ] && grep -q "grid.nx: appears twice" "$OUT/dup.err"; then ok "duplicate key: exit 2, named"
else bad "duplicate key: exit $st: $(head -c 400 "$OUT/dup.err")"; fi

# an output name that is not valid UTF-8 was written under another name (issue 9 defect 12)
badname="$OUT/$(printf 'bad\xff').h5"
onset map "$ROOT/releng/recipes/quick.json" -o "$badname" >"$OUT/badname.out" 2>"$OUT/badname.err"; st=$?
if [ "$st" -eq 2 ] && grep -q "is not valid" "$OUT/badname.err" && [ -z "$(ls "$OUT" | grep '^bad.*\.h5$')" ]; then
  ok "output name that is not UTF-8: exit 2, no file under another name"
else bad "output name that is not UTF-8: exit $st, files: $(ls "$OUT" | grep '^bad' | tr '\n' ' ') $(head -c 300 "$OUT/badname.err")"; fi

# 3. signals at every moment of a map
onset drivers add-sim probe-sim --set driftX=0 --set driftY=0 --set driftZ=0 >"$OUT/drivers.log" 2>&1 \
  || { bad "cannot create the drift-free simulator (see $OUT/drivers.log)"; echo "cli-probes: $passed passed, $failed failed"; exit 1; }
# a damaged configuration file must not silently drop its instrument from drivers list
onset drivers add-sim probe-damaged >"$OUT/damaged-add.log" 2>&1
conf="$(grep -rl 'instrument.id="probe-damaged"' "$ONSET_HOME/config" | head -1)"
if [ -n "$conf" ]; then
  printf 'instrument.id="probe-damaged\nname=L[1,2\n' >"$conf"
  onset drivers list >"$OUT/damaged.out" 2>"$OUT/damaged.err"
  if grep -q "DAMAGED configuration file $conf" "$OUT/damaged.out"; then ok "damaged configuration file named in drivers list"
  else bad "damaged configuration file not reported: $(head -c 400 "$OUT/damaged.out") $(head -c 300 "$OUT/damaged.err")"; fi
  rm -f "$conf"
else bad "cannot find the configuration file of probe-damaged (see $OUT/damaged-add.log)"; fi

recipe="$OUT/recipe.json"
cat > "$recipe" <<'JSON'
{ "name": "signal probe: 8 x 8 at 20 nm with topography",
  "instrument_id": "probe-sim",
  "grid": { "nx": 8, "ny": 8, "spacing_nm": 20, "x0_nm": 500, "y0_nm": 500 },
  "order": "serpentine",
  "ramp": { "end_V": -4.2, "rate_V_per_s": 4.2 },
  "cutoff": { "current_pA": -10 },
  "sample_rate_Hz": 2000, "settle_s": 0,
  "topography": { "before": true, "after": true, "pixel_nm": 20 } }
JSON
# pixel_nm 20: images on the map's grid (512 bytes), as this probe was written for; with the 5 nm
# default the disk-full probe fills the disk while the 8 KB 'before' image is written, and HDF5 then
# prints its error stack from H5Dclose (a known gap, see notes/mapprt-status.md)
onset map "$recipe" -o "$OUT/reference.h5" >"$OUT/reference.log" 2>&1 \
  || { bad "uninterrupted reference map failed (see $OUT/reference.log)"; echo "cli-probes: $passed passed, $failed failed"; exit 1; }

# When the signal comes, by what the run has done (not by the clock: a loaded machine may take
# seconds to start the JVM): "file" = the map file or its hidden building name appeared (+ s);
# "start" = the run announced itself (topography before is being scanned) (+ s);
# "px:N" = the progress bar shows N of 64 pixels stored (64: during the topography after).
waitfor() { # waitfor PID CONDITION-COMMAND...
  local pid=$1; shift
  for _ in $(seq 6000); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.005
  done
}
progress_at_least() { grep -oE '\] +[0-9]+/64' "$log" 2>/dev/null | awk -v n="$1" '{sub(/.*\] +/, ""); split($0, a, "/"); if (a[1] + 0 >= n) f = 1} END {exit !f}'; }
for when in file file+0.01 file+0.02 start start+0.2 px:1 px:10 px:30 px:55 px:64; do
  for sig in INT TERM; do
    f="$OUT/sig-$sig-$when.h5"; log="$OUT/sig-$sig-$when.log"
    # not through the shell function: $! must be the process that gets the signal (./onset execs java)
    "$ROOT/onset" map "$recipe" -o "$f" >"$log" 2>&1 &
    pid=$!
    event="${when%%+*}"; extra=""; [[ "$when" == *+* ]] && extra="${when#*+}"
    case "$event" in
      file)  waitfor "$pid" bash -c "[ -e '$f' ] || [ -e '$OUT/.$(basename "$f").creating' ]" ;;
      start) waitfor "$pid" grep -q "on 'probe-sim' ->" "$log" ;;
      px:*)  waitfor "$pid" progress_at_least "${event#px:}" ;;
    esac
    [ -n "$extra" ] && sleep "$extra"
    # the java process is the launcher script's child (exec keeps the pid)
    kill -s "$sig" "$pid" 2>/dev/null
    wait "$pid"; st=$?
    what="SIG$sig at $when"
    if grep -qE "Exception|^\s+at " "$log"; then bad "$what: a stack trace or exception: $(grep -m2 -E 'Exception|^\s+at ' "$log")"; continue; fi
    if [ "$st" -eq 0 ]; then
      ok "$what: finished before the signal (exit 0)"; continue
    fi
    if grep -qE "64 pixels \(0 from an earlier run\)|interrupted after the map was complete" "$log"; then
      ok "$what: the map was complete when the signal came (exit $st)"; continue
    fi
    case "$st" in 130|143) ;; *) bad "$what: exit $st (expected 130/143): $(tail -c 300 "$log")"; continue ;; esac
    if [ -e "$f" ] && ! grep -q "bias set to 0 V" "$log"; then
      # Was ~1 in 10 SIGTERMs mid-map under heavy load (the output of both the hook and the main
      # thread vanished); since the hook writes to file descriptor 2 itself with its messages built
      # before it is registered, 0 in 100 repeated SIGTERMs at load 15-19. So it fails again.
      missing_line=$((missing_line + 1))
      bad "$what: no 'bias set to 0 V' line: $(tail -c 200 "$log" | tr '\n' ' ')"
    fi
    if [ -e "$f" ]; then
      onset map "$recipe" -o "$f" --resume >"$log.resume" 2>&1 || { bad "$what: resume failed: $(tail -c 300 "$log.resume")"; continue; }
    else
      onset map "$recipe" -o "$f" >"$log.resume" 2>&1 || { bad "$what: no file left, but a new run failed: $(tail -c 300 "$log.resume")"; continue; }
    fi
    if /usr/bin/python3 "$ROOT/releng/e2e/compare_maps.py" --except-aborted "$f" "$OUT/reference.h5" >"$log.compare" 2>&1; then
      ok "$what: exit $st, $(grep -o '[0-9]* of [0-9]* pixels' "$log" | head -1 || echo 'no file'), resumed = uninterrupted"
    else
      bad "$what: resumed map differs: $(tail -n 2 "$log.compare")"
    fi
    rm -f "$f"
  done
done
# 4. a disk that fills up mid-map (issue 9, defect 11): a tmpfs (root only: elsewhere the probe
# says it was skipped, and why) that a filler file fills right after the map file is created; a clear one-line
# reason, no HDF5 error stack, and the file, moved to a disk with room, resumes to the same map
small="$OUT/small-disk"; mkdir -p "$small"
ref_kb=$(( $(stat -c %s "$OUT/reference.h5") / 1024 ))
if mount -t tmpfs -o size=$(( 2 * ref_kb + 4096 ))k tmpfs "$small" 2>"$OUT/mount.err"; then
  log="$OUT/full.log"
  "$ROOT/onset" map "$recipe" -o "$small/full.h5" >"$log" 2>&1 &
  pid=$!
  # once the file has its name (its structure is complete), the map is stopped while a filler takes
  # the rest of the disk: a small map on a quiet machine would otherwise finish within a second
  waitfor "$pid" test -e "$small/full.h5"
  kill -STOP "$pid" 2>/dev/null
  cat /dev/zero >"$small/filler" 2>/dev/null
  kill -CONT "$pid" 2>/dev/null
  wait "$pid"; st=$?
  tr '\r' '\n' <"$log" | grep -v '^\[' >"$OUT/full.lines"
  rm -f "$small/filler"
  [ -e "$small/full.h5" ] && cp "$small/full.h5" "$OUT/full.h5"
  umount "$small"
  if [ "$st" -eq 0 ]; then
    echo "cli-probes: WARN disk full: the map finished before the disk was full (nothing checked)"
  elif [ "$st" -eq 1 ] && grep -q "No space left on device" "$OUT/full.lines" && ! grep -qE "HDF5-DIAG|openForResume|Exception" "$OUT/full.lines" \
     && [ "$(wc -l <"$OUT/full.lines")" -le 8 ] && [ -e "$OUT/full.h5" ]; then
    if onset map "$recipe" -o "$OUT/full.h5" --resume >"$OUT/full.resume" 2>&1 \
       && /usr/bin/python3 "$ROOT/releng/e2e/compare_maps.py" --except-aborted "$OUT/full.h5" "$OUT/reference.h5" >"$OUT/full.compare" 2>&1; then
      ok "disk full: exit 1, '$(grep -o 'No space left on device[^;]*' "$OUT/full.lines" | head -1)', $(grep -o '[0-9]* of [0-9]* pixels' "$OUT/full.lines" | head -1), $(wc -l <"$OUT/full.lines") lines; resumed on another disk = uninterrupted"
    else bad "disk full: the resume of the file moved to a disk with room failed or differs: $(tail -c 300 "$OUT/full.resume") $(tail -n 2 "$OUT/full.compare" 2>/dev/null)"; fi
  else
    bad "disk full: exit $st, $(wc -l <"$OUT/full.lines") lines: $(head -c 600 "$OUT/full.lines")"
  fi
else
  echo "cli-probes: SKIP disk full: cannot mount a tmpfs here ($(head -c 120 "$OUT/mount.err"))"
fi

rm -f "$OUT"/*.h5
echo "cli-probes: $passed passed, $failed failed ($missing_line interrupted runs without the 'bias set to 0 V' line)"
[ "$failed" -eq 0 ]
