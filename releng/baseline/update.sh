#!/usr/bin/env bash
# Refreshes the API baseline: releng/baseline/repository, a small p2 repository holding the API
# bundles of the current release. The build's baseline check (tycho-baseline-plugin, root pom.xml)
# compares every bundle found here with the bundle the build just made and fails when an exported
# package changed without the version bump its change needs. Bundles not in the baseline are not
# checked.
#
#   releng/baseline/update.sh                 rebuild and refresh every bundle in the baseline (after a release)
#   releng/baseline/update.sh BSN...          rebuild and refresh (or add) the named bundles only
#   releng/baseline/update.sh --remove BSN... drop bundles from the baseline (e.g. a bundle that was removed)
#   releng/baseline/update.sh --list          the bundles in the baseline and the packages they export
#
# MVN_ARGS passes extra Maven options (e.g. MVN_ARGS=-o to build offline). Commit the result.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BASE="$ROOT/releng/baseline"
REPO="$BASE/repository"
read -r -a MVN_EXTRA <<<"${MVN_ARGS:-}"

say() { printf 'baseline: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# bundle symbolic names in the baseline (file names are <bsn>_<version>.jar)
current() { ls "$REPO"/plugins/*.jar 2>/dev/null | xargs -r -n1 basename | sed 's/_[^_]*\.jar$//' | sort; }

list() {
  local jar
  for jar in "$REPO"/plugins/*.jar; do
    [ -e "$jar" ] || { echo "(the baseline is empty)"; return; }
    echo "$(basename "$jar")"
    unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n '/^Export-Package:/,/^[A-Za-z-]*:/p' \
      | sed '$!N;s/\n //;P;D' | sed -n 's/^Export-Package: //p' | tr -d '\n' \
      | sed 's/,\([a-z]\)/\n\1/g' | sed 's/^/    /'
    echo
  done
}

# publish: the jars in $1/plugins become the baseline repository (replacing it)
publish() {
  local stage="$1" out
  out="$(mktemp -d)"
  say "publishing $(ls "$stage"/plugins | wc -l) bundle(s) into releng/baseline/repository"
  if ! (cd "$ROOT" && ./mvnw -B -ntp -q "${MVN_EXTRA[@]}" -f releng/baseline/pom.xml package \
        -Dbaseline.source="$stage" -Dbaseline.repository="$out/repository") >&2; then
    rm -rf "$out"; die "publishing failed"
  fi
  rm -rf "$REPO"
  mv "$out/repository" "$REPO"
  rm -rf "$out"
}

stage_current_except() { # stage_current_except DIR BSN... : copy the baseline's jars, leaving out the named bundles
  local stage="$1"; shift
  mkdir -p "$stage/plugins"
  local jar bsn skip
  for jar in "$REPO"/plugins/*.jar; do
    [ -e "$jar" ] || return 0
    bsn="$(basename "$jar" | sed 's/_[^_]*\.jar$//')"
    skip=""
    for s in "$@"; do [ "$s" = "$bsn" ] && skip=yes; done
    [ -n "$skip" ] || cp "$jar" "$stage/plugins/"
  done
}

case "${1:-}" in
  -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  --list) list; exit 0 ;;
  --remove)
    shift
    [ $# -gt 0 ] || die "--remove needs bundle symbolic names"
    for b in "$@"; do current | grep -qx "$b" || die "$b is not in the baseline (see --list)"; done
    stage="$(mktemp -d)"; trap 'rm -rf "$stage"' EXIT
    stage_current_except "$stage" "$@"
    if [ -z "$(ls "$stage/plugins")" ]; then
      rm -rf "$REPO"; say "the baseline is empty now: nothing is checked"
    else
      publish "$stage"
    fi
    say "removed: $*"
    exit 0 ;;
  -*) die "unknown option $1 (see --help)" ;;
esac

if [ $# -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(current); fi
[ ${#targets[@]} -gt 0 ] || die "the baseline is empty: name the bundles to put in it"
modules=()
for b in "${targets[@]}"; do
  [ -f "$ROOT/bundles/$b/META-INF/MANIFEST.MF" ] || die "no bundle $b in bundles/"
  grep -q '^Export-Package:' "$ROOT/bundles/$b/META-INF/MANIFEST.MF" || die "$b exports no package: nothing to baseline"
  modules+=("bundles/$b")
done

say "building ${targets[*]} (the baseline check itself is skipped for this build)"
(cd "$ROOT" && ./mvnw -B -ntp -q "${MVN_EXTRA[@]}" clean verify -DskipTests -Dtycho.baseline.skip=true \
    -pl "$(IFS=,; echo "${modules[*]}")" -am) >&2 || die "build failed"

stage="$(mktemp -d)"; trap 'rm -rf "$stage"' EXIT
stage_current_except "$stage" "${targets[@]}"
for b in "${targets[@]}"; do
  jar="$(ls "$ROOT/bundles/$b/target/$b"-*.jar 2>/dev/null | grep -v -- '-sources\.jar$' | head -n1)"
  [ -n "$jar" ] || die "the build made no jar for $b"
  cp "$jar" "$stage/plugins/"
done
publish "$stage"
say "the baseline now holds: $(current | tr '\n' ' ')"
