#!/usr/bin/env bash
# Start-up time to first page (first start with an empty data directory, then a restart on it),
# the cost of one Argon2id password check against bcrypt-10 measured in the same run, and the
# full resident sign-in round trip against the check it contains. Only 127.0.0.1 is contacted;
# every loop is bounded.
# Usage: bench/startup-and-sign-in.sh [SIGN_INS]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
SIGN_INS=${1:-30}
PORT=${BENCH_PORT:-18080}
CP=$(bench/classpath.sh)
./mvnw -q -B -ntp -DskipTests package >&2
JAR=$(ls target/townhall-*.jar | grep -v original | head -1)
WORK=$(mktemp -d)
APP=""
trap '[ -n "$APP" ] && kill $APP 2>/dev/null; rm -rf "$WORK"' EXIT

now_ms() { date +%s%3N; }

# Starts Townhall in the background and sets STARTUP_MS to the time until the start page answers.
start_townhall() {
    if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
        echo "Port $PORT is already in use: stop what is there or set BENCH_PORT" >&2; exit 1
    fi
    local started
    started=$(now_ms)
    "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$JAR" --server.port="$PORT" --townhall.embedded-database.data-dir="$WORK/postgres" \
        --townhall.keys.local-dir="$WORK/keys" --townhall.base-url="http://127.0.0.1:$PORT" \
        --townhall.shield.bulk-per-minute=100000 > "$WORK/app.log" 2>&1 &
    APP=$!
    for _ in $(seq 1 600); do
        if curl -fs -o /dev/null "http://127.0.0.1:$PORT/"; then
            STARTUP_MS=$(( $(now_ms) - started ))
            return
        fi
        sleep 0.05
    done
    echo "Townhall did not answer within 30 s" >&2; cat "$WORK/app.log" >&2; exit 1
}

stop_townhall() {
    kill -0 "$APP" 2>/dev/null || { echo "Townhall stopped by itself:" >&2; tail -30 "$WORK/app.log" >&2; exit 1; }
    kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""
}

start_townhall; COLD=$STARTUP_MS; stop_townhall
start_townhall; WARM=$STARTUP_MS

# Wait for the demo accounts, which load once the application is ready.
for _ in $(seq 1 100); do grep -q "DEMO SIGN-INS" "$WORK/app.log" && break; sleep 0.1; done

SIGN_IN_TIMES=()
for i in $(seq 1 "$SIGN_INS"); do
    JAR_COOKIES="$WORK/cookies-$i"
    TOKEN=$(curl -fs -c "$JAR_COOKIES" "http://127.0.0.1:$PORT/sign-in" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
    T=$(curl -s -o /dev/null -b "$JAR_COOKIES" -c "$JAR_COOKIES" -w '%{time_total} %{http_code} %{redirect_url}' \
        --data-urlencode "_csrf=$TOKEN" --data-urlencode "email=amara.okafor@example.com" \
        --data-urlencode "password=eastbridge-demo-resident" "http://127.0.0.1:$PORT/sign-in")
    case "$T" in *"/account"*) ;; *) echo "sign-in $i did not succeed: $T" >&2; exit 1 ;; esac
    SIGN_IN_TIMES+=("$(echo "$T" | awk '{printf "%.1f", $1 * 1000}')")
done
SIGN_IN_MS=$(printf '%s\n' "${SIGN_IN_TIMES[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
stop_townhall

HASH=$(java -cp "$CP" org.townhall.bench.SignInCostBench 40)
ARGON_MS=$(echo "$HASH" | sed -n 's/argon2id_check_ms=//p')

echo "start-up to first page, empty data directory: ${COLD} ms (ratio to the 10 s target: $(awk "BEGIN {printf \"%.2f\", $COLD / 10000}"))"
echo "start-up to first page, restart:              ${WARM} ms (ratio to the 10 s target: $(awk "BEGIN {printf \"%.2f\", $WARM / 10000}"))"
echo "$HASH"
echo "resident sign-in round trip, median of $SIGN_INS: ${SIGN_IN_MS} ms (ratio to one Argon2id check: $(awk "BEGIN {printf \"%.2f\", $SIGN_IN_MS / $ARGON_MS}"))"
