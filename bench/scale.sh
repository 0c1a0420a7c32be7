#!/usr/bin/env bash
# Townhall at a borough's size: loads FACTOR x (10 million chained audit rows over two years,
# 1 million PCNs, 100,000 council tax accounts, 20,000 tenancies, 500,000 payments with a balanced
# ledger, 50,000 small evidence documents) into an embedded PostgreSQL kept in DATA_DIR, then prints
# each resident and staff page and job against its bare indexed query, residents' p99 while the
# outage extensions run against their p99 alone, and one day's audit verification.
# FACTOR defaults to 0.1 (about ten minutes here); 1 is the full size. DATA_DIR defaults to
# target/scale-data-FACTOR and is reused by later runs (delete it to load afresh).
# Usage: bench/scale.sh [FACTOR] [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
CP=$(bench/classpath.sh)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx2g -cp "$CP" org.townhall.bench.ScaleBench "${1:-0.1}" ${2:+"$2"}
