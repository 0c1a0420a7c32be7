#!/usr/bin/env bash
# Backup and restore drill against the bare tools, measured in the same run: loads FACTOR x
# (1,000,000 chained audit rows, 100,000 payments with their ledger, 2 GB of evidence) into an
# embedded PostgreSQL kept in DATA_DIR, then times Townhall's backup (encrypted, hashed, signed)
# against a plain binary COPY of every table, and its restore drill (decrypt, load, verify the
# chains, the ledger and the row counts) against a plain COPY back in. Prints each figure, the
# speed ratios (aim: backup >= 0.8, restore with verification >= 0.6) and the drill's recovery time.
# FACTOR defaults to 0.1 (about 200 MB of evidence); 1 is the full size (needs about 8 GB of disk).
# DATA_DIR defaults to target/backup-bench-FACTOR and is reused by later runs (delete it to load afresh).
# Usage: bench/backup.sh [FACTOR] [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
CP=$(bench/classpath.sh)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx2g -cp "$CP" org.townhall.backup.BackupBench "${1:-0.1}" ${2:+"$2"}
