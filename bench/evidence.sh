#!/usr/bin/env bash
# Evidence reads per second through the real path (owner check, decryption, audit) against a
# plain query of the same stored bytes, in one run on the same embedded PostgreSQL, and uploads
# of 5 MB files per second. Usage: bench/evidence.sh [DOCUMENT_BYTES] [SECONDS] [WARM_UP_SECONDS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
CP=$(bench/classpath.sh)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx2g -cp "$CP" org.townhall.bench.EvidenceBench "${1:-1048576}" "${2:-10}" "${3:-30}" "${4:-4}"
