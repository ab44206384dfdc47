#!/usr/bin/env bash
# Runs the LLMLingua-2 benchmark: the reference first, then Java, which writes the report.
#
# Builds nothing: target/origin.jar and target/lib/ must exist (./mvnw -B -q -DskipTests
# package). Makes the 12-layer model once if bench/lingua/work/ lacks it.
#
# Environment:
#   REFERENCE_PYTHON  python of a venv with tools/reference/requirements.txt installed
#                     (default: .venv-reference/bin/python, as tools/reference/README.md makes it)
#   JAVA_HOME         a JDK 25 (default: java on PATH)
# Arguments are passed on to LinguaBench.java (see bench/lingua/README.md).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

python="${REFERENCE_PYTHON:-$root/.venv-reference/bin/python}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work="bench/lingua/work"
base_model="$work/base-12-layer-bert-base-multilingual-cased"

if [[ ! -f target/origin.jar || ! -d target/lib ]]; then
  echo "run.sh: target/origin.jar or target/lib/ missing; build first:" \
    "./mvnw -B -q -DskipTests package" >&2
  exit 1
fi
java_version="$("$java" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/^ *java.specification.version = //p')"
if [[ -z "$java_version" || "${java_version%%.*}" -lt 25 ]]; then
  echo "run.sh: $java is Java ${java_version:-of unknown version}; a JDK 25 is needed" \
    "(set JAVA_HOME)" >&2
  exit 1
fi
if [[ ! -x "$python" ]]; then
  echo "run.sh: no reference python at $python; set REFERENCE_PYTHON" >&2
  exit 1
fi

started=$(date +%s)
if [[ ! -f "$base_model/model.onnx" ]]; then
  echo "run.sh: exporting the 12-layer model to $base_model (once, about a minute)" >&2
  "$python" bench/lingua/export_base_model.py --out "$base_model"
fi

# A copy of the jars, so that a rebuild while the benchmark runs cannot swap classes under it.
classpath="$work/classpath"
rm -rf "$classpath"
mkdir -p "$classpath"
cp target/origin.jar "$classpath/"
cp -r target/lib "$classpath/lib"

# The reference writes its figures as JSON; the Java run reads them into the one report.
"$python" bench/lingua/reference_bench.py --out "$work/reference.json" \
  --jtokkit-jar "$(ls "$classpath"/lib/jtokkit-*.jar | tail -n 1)"
"$java" --enable-native-access=ALL-UNNAMED -cp "$classpath/origin.jar:$classpath/lib/*" \
  bench/lingua/LinguaBench.java \
  --reference "$work/reference.json" --base-model "$base_model" "$@" >/dev/null

echo "run.sh: wrote bench/results/lingua.md in $(( $(date +%s) - started )) s" >&2
