#!/usr/bin/env bash
# Start-up time to first page (first start with an empty data directory, then a restart on it),
# from the runnable jar (`java -jar`) and from the extracted jar with the JVM's class cache as
# bin/townhall starts it (a CDS archive on Java 17-24, an AOT cache on Java 25+), alternating
# and each the median of ROUNDS, against the 4 s target; the cost of one Argon2id password check
# against bcrypt-10 measured in the same run, and the full resident sign-in round trip against
# the check it contains. Only 127.0.0.1 is contacted; every loop is bounded.
# Usage: bench/startup-and-sign-in.sh [SIGN_INS] [ROUNDS]   (defaults 30 and 1)
set -euo pipefail
cd "$(dirname "$0")/.."
SIGN_INS=${1:-30}
ROUNDS=${2:-1}
TARGET_MS=4000
PORT=${BENCH_PORT:-18080}
CP=$(bench/classpath.sh)
./mvnw -q -B -ntp -DskipTests package >&2
JAR=$(ls target/townhall-*.jar | grep -v original | head -1)
# The extracted jar and its class cache, made by bin/townhall's training run when missing.
read -r -a FAST <<< "$(bin/townhall --prepare | tail -1)"
CACHE_FLAG=${FAST[1]}
case "$CACHE_FLAG" in -XX:AOTCache=*) CACHE_KIND="AOT cache" ;; *) CACHE_KIND="CDS archive" ;; esac
WORK=$(mktemp -d)
APP=""
trap '[ -n "$APP" ] && kill $APP 2>/dev/null; rm -rf "$WORK"' EXIT

now_ms() { date +%s%3N; }

# Starts Townhall in the background (plain: java -jar; cached: the extracted jar with its class
# cache) on data directory $2 and sets STARTUP_MS to the time until the start page answers.
start_townhall() {
    local how=$1 dir=$2
    if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
        echo "Port $PORT is already in use: stop what is there or set BENCH_PORT" >&2; exit 1
    fi
    local started
    started=$(now_ms)
    local launch=(-jar "$JAR")
    [ "$how" = cached ] && launch=("$CACHE_FLAG" -jar "${FAST[0]}")
    "${JAVA_HOME:+$JAVA_HOME/bin/}java" "${launch[@]}" --server.port="$PORT" --townhall.embedded-database.data-dir="$dir/postgres" \
        --townhall.keys.local-dir="$dir/keys" --townhall.base-url="http://127.0.0.1:$PORT" \
        --townhall.shield.bulk-per-minute=100000 > "$WORK/app.log" 2>&1 &
    APP=$!
    for _ in $(seq 1 6000); do   # at most 5 minutes, even on a machine busy with other builds
        if curl -fs -o /dev/null "http://127.0.0.1:$PORT/"; then
            STARTUP_MS=$(( $(now_ms) - started ))
            return
        fi
        sleep 0.05
    done
    echo "Townhall did not answer within 5 minutes" >&2; cat "$WORK/app.log" >&2; exit 1
}

stop_townhall() {
    kill -0 "$APP" 2>/dev/null || { echo "Townhall stopped by itself:" >&2; tail -30 "$WORK/app.log" >&2; exit 1; }
    kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }

# Alternating, so that whatever else the machine is doing falls on both ways of starting alike.
PLAIN_COLD=(); PLAIN_WARM=(); CACHED_COLD=(); CACHED_WARM=()
for round in $(seq 1 "$ROUNDS"); do
    for how in plain cached; do
        rm -rf "$WORK/$how"; mkdir -p "$WORK/$how"
        start_townhall "$how" "$WORK/$how"; cold=$STARTUP_MS; stop_townhall
        start_townhall "$how" "$WORK/$how"; warm=$STARTUP_MS
        cp "$WORK/app.log" "$WORK/$how-restart.log"
        # The last one stays up for the sign-ins below.
        [ "$how" = cached ] && [ "$round" = "$ROUNDS" ] || stop_townhall
        if [ "$how" = plain ]; then PLAIN_COLD+=("$cold"); PLAIN_WARM+=("$warm"); else CACHED_COLD+=("$cold"); CACHED_WARM+=("$warm"); fi
        echo "round $round, $how: empty data directory ${cold} ms, restart ${warm} ms" >&2
    done
done

# Wait for the demo accounts, which load once the application is ready.
for _ in $(seq 1 1200); do grep -q "DEMO SIGN-INS" "$WORK/app.log" && break; sleep 0.1; done

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

HASH=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$CP" org.townhall.bench.SignInCostBench 40)
ARGON_MS=$(echo "$HASH" | sed -n 's/argon2id_check_ms=//p')

PC=$(median "${PLAIN_COLD[@]}"); PW=$(median "${PLAIN_WARM[@]}"); CC=$(median "${CACHED_COLD[@]}"); CW=$(median "${CACHED_WARM[@]}")
echo "Java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vm.version = //p'); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; median of $ROUNDS"
echo "start-up to first page, java -jar, empty data directory:      ${PC} ms (ratio to the 4 s target: $(ratio "$PC" $TARGET_MS))"
echo "start-up to first page, java -jar, restart:                   ${PW} ms (ratio to the 4 s target: $(ratio "$PW" $TARGET_MS))"
echo "start-up to first page, $CACHE_KIND (bin/townhall), empty data directory: ${CC} ms (ratio to the 4 s target: $(ratio "$CC" $TARGET_MS); to java -jar: $(ratio "$CC" "$PC"))"
echo "start-up to first page, $CACHE_KIND (bin/townhall), restart:              ${CW} ms (ratio to the 4 s target: $(ratio "$CW" $TARGET_MS); to java -jar: $(ratio "$CW" "$PW"))"
# Where a restart's time goes (from Townhall's own log of the last round), for when the target is out of reach.
for how in plain cached; do
    L="$WORK/$how-restart.log"
    echo "  $how restart, time per step: JVM and launcher to Spring starting $(sed -n 's/.*Started TownhallApplication in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/\1 \2/p' "$L" | awk '{printf "%.1f s; Spring building the application %.1f s", $2 - $1, $1}');" \
        "PostgreSQL start $(sed -n 's/.*Embedded PostgreSQL on port .*(started in \([0-9]*\) ms).*/\1/p' "$L" | head -1) ms (on its own thread, overlapping Spring);" \
        "ready $(sed -n 's/.*is ready at .*(\([0-9]*\) ms after the JVM started).*/\1/p' "$L" | head -1) ms after the JVM started"
done
echo "$HASH"
echo "resident sign-in round trip, median of $SIGN_INS: ${SIGN_IN_MS} ms (ratio to one Argon2id check: $(awk "BEGIN {printf \"%.2f\", $SIGN_IN_MS / $ARGON_MS}"))"
