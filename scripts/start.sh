#!/usr/bin/env bash
# Builds the origin and starts it on 127.0.0.1:8080 (PORT and HOST override) with the embedded
# lexical scorer: no model download, no account. MODEL_DIR (see the README) loads a model instead.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh

./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
exec "$JAVA_HOME/bin/java" -jar target/origin.jar
