#!/usr/bin/env bash
# Damaged map files through the real command line (issue 9, defects 4 and 5; the in-process
# corruption fuzzer is CorruptionFuzzTest in org.onset.storage.hdf5.tests): `onset inspect`,
# `inspect --json` and `map --resume` each end with a non-zero exit and a one-line error naming
# the damage, never a stack trace, a hang or a growing file. A hang is a command still running after
# 60 s (HDF5 spun forever on such files); how long they take is printed, not judged: a loaded machine
# starts the product in 10-15 s, an idle one in 2-3 s.
# Prints "corrupt-files: N passed, M failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/target/corrupt-files"
rm -rf "$OUT"; mkdir -p "$OUT"
export ONSET_HOME="$OUT/home"
PY=/usr/bin/python3
RECIPE="$ROOT/releng/recipes/quick.json"
passed=0; failed=0
ok()  { passed=$((passed + 1)); echo "corrupt-files: ok   $*"; }
bad() { failed=$((failed + 1)); echo "corrupt-files: FAIL $*" >&2; }

"$ROOT/onset" map "$RECIPE" -o "$OUT/intact.h5" >"$OUT/intact.log" 2>&1 \
  || { echo "corrupt-files: cannot make the intact map: $(tail -c 400 "$OUT/intact.log")" >&2; exit 1; }

# expect_error NAME FILE WORD COMMAND...: exit != 0 (not the 124 of a kill after 60 s), WORD in the
# output, no stack trace, the file's size unchanged
expect_error() {
  local name=$1 file=$2 word=$3; shift 3
  local size0 size1 st t0 t1 log="$OUT/$name.log"
  size0=$(stat -c %s "$file"); t0=$(date +%s%N)
  timeout 60 "$@" >"$log" 2>&1; st=$?
  t1=$(date +%s%N); size1=$(stat -c %s "$file")
  local ms=$(( (t1 - t0) / 1000000 ))
  if [ "$st" -eq 0 ] || [ "$st" -eq 124 ]; then
    bad "$name: exit $st after $ms ms: $(tail -c 300 "$log")"
  elif ! grep -q -- "$word" "$log"; then bad "$name: no '$word' in: $(tail -c 300 "$log")"
  elif grep -qE "Exception|^\s+at " "$log"; then bad "$name: stack trace: $(head -c 400 "$log")"
  elif [ "$size0" != "$size1" ]; then bad "$name: file size $size0 -> $size1"
  else ok "$name: exit $st in $ms ms: $(grep -m1 -- "$word" "$log" | head -c 160)"; fi
}

# 1. one byte of a text attribute's global heap: the free-space object's size set to 0 (HDF5 spun
#    in H5AreadVL forever at 100 % CPU)
cp "$OUT/intact.h5" "$OUT/heap.h5"
"$PY" - "$OUT/heap.h5" <<'PYEOF'
import struct, sys
f = open(sys.argv[1], 'r+b'); d = f.read()
at = d.index(b'GCOL'); size = struct.unpack_from('<Q', d, at + 8)[0]; p = at + 16
while p < at + size:
    idx = struct.unpack_from('<H', d, p)[0]; s = struct.unpack_from('<Q', d, p + 8)[0]
    if idx == 0:
        f.seek(p + 8); f.write(struct.pack('<Q', 0)); break
    p += 16 + ((s + 7) & ~7)
else:
    sys.exit('no free space in the global heap')
PYEOF
expect_error heap-inspect "$OUT/heap.h5" damaged "$ROOT/onset" inspect "$OUT/heap.h5"
expect_error heap-inspect-json "$OUT/heap.h5" damaged "$ROOT/onset" inspect "$OUT/heap.h5" --json
expect_error heap-resume "$OUT/heap.h5" damaged "$ROOT/onset" map "$RECIPE" -o "$OUT/heap.h5" --resume

# 2. a complete map whose Curves/bias_offset[3] says 1e15 (resume grew the file to 7.5 TB)
cp "$OUT/intact.h5" "$OUT/offset.h5"
"$PY" -c "import h5py,sys; f=h5py.File(sys.argv[1],'r+'); f['Measurement_000/Curves/bias_offset'][3]=10**15; f.close()" "$OUT/offset.h5"
expect_error offset-inspect "$OUT/offset.h5" "pixel 3" "$ROOT/onset" inspect "$OUT/offset.h5"
expect_error offset-resume "$OUT/offset.h5" "pixel 3" "$ROOT/onset" map "$RECIPE" -o "$OUT/offset.h5" --resume

# 3. truncated to half
cp "$OUT/intact.h5" "$OUT/half.h5"; truncate -s $(( $(stat -c %s "$OUT/intact.h5") / 2 )) "$OUT/half.h5"
expect_error truncated-inspect "$OUT/half.h5" "half.h5" "$ROOT/onset" inspect "$OUT/half.h5"

# control: the intact file inspects fine
if "$ROOT/onset" inspect "$OUT/intact.h5" >"$OUT/intact-inspect.log" 2>&1; then ok "intact file inspects (exit 0)"
else bad "intact file: $(tail -c 300 "$OUT/intact-inspect.log")"; fi

echo "corrupt-files: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
