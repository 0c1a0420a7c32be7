#!/usr/bin/env bash
# Completed sandbox payments per second at concurrency 8 against pgbench's TPC-B-like
# transactions per second on the same embedded PostgreSQL, in one run, and a retry storm's count
# of duplicate charges. Needs pgbench (Debian: apt-get install postgresql-client).
# Usage: bench/payments.sh [SECONDS] [WARM_UP_SECONDS]
# The warm-up (30 s by default) lets the JIT finish compiling the payment path: on 2 cores its
# compiler threads otherwise take CPU from the measured seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pgbench >/dev/null || { echo "pgbench not found: apt-get install -y postgresql-client" >&2; exit 1; }
CP=$(bench/classpath.sh)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx2g -cp "$CP" org.townhall.bench.PaymentsBench "${1:-20}" "${2:-30}"
