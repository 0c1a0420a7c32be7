#!/usr/bin/env bash
# The shield under attack, against Townhall on 127.0.0.1 only, every loop bounded in time: a flood of
# 20x the residents' request rate (their success rate and p99 against a run without it), the server
# CPU of a refused request against a served page, the same residents signed in and paying under a flood from a
# botnet of 10,000+ addresses each under its own limit, and credential stuffing at 50x the residents'
# sign-in rate (their success rate). Usage: bench/shield.sh [SECONDS] [all|flood,botnet,refusal,stuffing]
set -euo pipefail
cd "$(dirname "$0")/.."
CP=$(bench/classpath.sh)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx2g -cp "$CP" org.townhall.bench.ShieldBench "${1:-20}" "${2:-all}"
