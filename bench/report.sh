#!/usr/bin/env bash
# The audit committee's report for a quarter over AUDIT_ROWS audit rows (default 5,000,000),
# 100,000 payments and 1,000 incidents, against the same aggregate queries issued bare in the
# same run (aim: 1.5 or less); then a filtered page of the incident list with 100,000 incidents,
# p95 against the bare query (aim: 2 or less). Filling the data takes a few minutes.
# Usage: bench/report.sh [AUDIT_ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
CP=$(bench/classpath.sh)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g -cp "$CP" org.townhall.bench.ReportBench "${1:-5000000}"
