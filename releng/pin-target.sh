#!/usr/bin/env bash
# Re-pins the "Eclipse 4.33 platform" location of targetplatform/onset.target: resolves the closure of
# targetplatform/platform-roots.txt with Maven (same resolver Tycho uses for Maven locations) and writes
# every artifact with includeDependencyDepth="none". Review the diff before committing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
deps=$(grep -v '^#' "$ROOT/targetplatform/platform-roots.txt" | awk -F: 'NF==3 {printf "<dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency>", $1, $2, $3}')
echo "<project><modelVersion>4.0.0</modelVersion><groupId>onset</groupId><artifactId>pin</artifactId><version>1</version><dependencies>$deps</dependencies></project>" > "$work/pom.xml"
(cd "$work" && "$ROOT/mvnw" -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list \
    -DincludeScope=runtime -DoutputFile="$work/list.txt" >"$work/log" 2>&1) || { cat "$work/log"; exit 1; }
python3 - "$ROOT/targetplatform/onset.target" "$work/list.txt" <<'PY'
import re, sys
target, listing = sys.argv[1], sys.argv[2]
gavs = sorted({tuple(l.split()[0].split(':')[i] for i in (0, 1, 3)) for l in open(listing) if ':jar:' in l})
s = open(target).read()
m = re.search(r'(<location type="Maven" label="Eclipse 4.33 platform"[^>]*>\s*<dependencies>)(.*?)(</dependencies>)', s, re.S)
body = ''.join(f'\n        <dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version><type>jar</type></dependency>' for g, a, v in gavs) + '\n      '
open(target, 'w').write(s[:m.start()] + m.group(1) + body + m.group(3) + s[m.end():])
print(f"pinned {len(gavs)} artifacts")
PY
