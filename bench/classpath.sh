#!/usr/bin/env bash
# Compiles Townhall with its tests and prints the classpath the benchmarks run on.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
echo "target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
