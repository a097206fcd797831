#!/usr/bin/env bash
# Measures what a user waits for, so later work can compare:
#   - `./onset version` to exit (warm product), N runs, median
#   - `./onset workbench` to the window being shown (under Xvfb), N runs, median
#   - with --cold: the first build from an empty local Maven repository (own HOME, so Maven itself,
#     the wrapper distribution and ~200 MB of artifacts are downloaded), then `./onset test` warm
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-5}"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s.%N; }

if [ "${1:-}" = "--cold" ]; then
  cold_home="$(mktemp -d)"   # HOME for the wrapper's Maven download, ONSET_MAVEN_REPO for the artifacts
  t0=$(now); HOME="$cold_home" ONSET_MAVEN_REPO="$cold_home/repository" "$ROOT/onset" build >/tmp/onset-cold-build.log 2>&1; t1=$(now)
  echo "first build, empty local Maven repository: $(echo "$t1 - $t0" | bc) s (log /tmp/onset-cold-build.log)"
  rm -rf "$cold_home"
  t0=$(now); "$ROOT/onset" test >/tmp/onset-warm-test.log 2>&1; t1=$(now)
  echo "./onset test, warm repository: $(echo "$t1 - $t0" | bc) s (log /tmp/onset-warm-test.log)"
fi

"$ROOT/onset" version >/dev/null   # builds if needed
v=$(for _ in $(seq "$RUNS"); do
  t0=$(now); "$ROOT/onset" version >/dev/null; t1=$(now); echo "$t1 - $t0" | bc
done | median)
echo "./onset version to exit: median $v s over $RUNS runs"
w=$(for _ in $(seq "$RUNS"); do
  "$ROOT/releng/ui-smoke-test.sh" | sed -n 's/^ui-smoke: window after \([0-9.]*\) s.*/\1/p'
done | median)
echo "./onset workbench to window: median $w s over $RUNS runs (java start to window titled Onset)"
