#!/usr/bin/env bash
# Kernel benchmark (./muonlab bench kernel): start to first result, empty-cell round trip, RSS with ND4J + Tablesaw.
# Uses the JDK of JAVA_HOME (or java on PATH), e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./muonlab bench kernel
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
if ! ls "$root"/kernel-ext/target/kernel/lib/muonlab-kernel-*.jar >/dev/null 2>&1; then
  (cd "$root" && mvn -o -q -B -pl lib,kernel-ext package -DskipTests)
fi
exec /usr/bin/python3 "$here/bench_kernel.py" "$@"
