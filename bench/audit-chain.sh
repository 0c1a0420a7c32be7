#!/usr/bin/env bash
# How long it takes to verify the audit trail's hash chain: writes ROWS chained rows (default
# 1,000,000) into a fresh embedded PostgreSQL, then times a plain read of every row (the baseline)
# and the full verification, three rounds each, and prints the ratio verify/read.
# Usage: bench/audit-chain.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
CP=$(bench/classpath.sh)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g -cp "$CP" org.townhall.bench.AuditChainBench "${1:-1000000}"
