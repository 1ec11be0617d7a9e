#!/usr/bin/env bash
# A Spark standalone cluster on this machine (127.0.0.1): a master and N workers as separate JVMs,
# from Spark's jars as Maven resolves them, so no Spark distribution is needed: it lays out
# target/spark-home (jars/ and bin/spark-submit) as a distribution has them, so that the launcher
# submits to it exactly as to a real cluster. For trying cluster mode on one machine; on a real
# cluster use the distribution's sbin/start-master.sh and sbin/start-worker.sh.
#
#   submit-scripts/standalone-cluster.sh start [WORKERS]   # default 2 workers; prints the master URL
#   submit-scripts/standalone-cluster.sh status
#   submit-scripts/standalone-cluster.sh stop
#
# Environment: SPARK_MASTER_PORT (7077), SPARK_MASTER_WEBUI_PORT (8080), WORKER_CORES (1),
# WORKER_MEMORY (3g).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
HOME_DIR="$ROOT/target/spark-home"
PORT="${SPARK_MASTER_PORT:-7077}"
UI="${SPARK_MASTER_WEBUI_PORT:-8080}"
source "$HERE/java17-flags.sh"

alive_workers() {
  # the master's JSON status over plain bash TCP (no curl needed)
  { exec 3<>"/dev/tcp/127.0.0.1/$UI" && printf 'GET /json/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && cat <&3; } \
    2>/dev/null | tr -d ' \n' | grep -o '"aliveworkers":[0-9]*' | cut -d: -f2 || true
}

layout() {
  if [[ ! -f "$ROOT/target/sparksynth-job.jar" ]]; then
    echo "building the job jar (first run)..." >&2
    (cd "$ROOT" && mvn -B -q -DskipTests package) >&2
  fi
  # jars/ as a Spark distribution has it: Spark's own dependency closure, resolved by Maven
  local version jackson
  version="$(grep -m1 -o '<spark.version>[^<]*' "$ROOT/pom.xml" | cut -d'>' -f2)"
  jackson="$(grep -m1 -o '<jackson.version>[^<]*' "$ROOT/pom.xml" | cut -d'>' -f2)"
  rm -rf "$HOME_DIR/jars" && mkdir -p "$HOME_DIR/jars" "$HOME_DIR/bin" "$HOME_DIR/logs" "$HOME_DIR/work"
  cat > "$HOME_DIR/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.sparksynth</groupId><artifactId>spark-home</artifactId><version>$version</version>
  <!-- the versions Spark's own build manages (a consumer of Spark's POMs does not inherit them) -->
  <dependencyManagement><dependencies>
    <dependency><groupId>com.fasterxml.jackson</groupId><artifactId>jackson-bom</artifactId><version>$jackson</version><type>pom</type><scope>import</scope></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.7</version></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_2.12</artifactId><version>$version</version></dependency>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.12</artifactId><version>$version</version></dependency>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-mllib_2.12</artifactId><version>$version</version></dependency>
  </dependencies>
</project>
POM
  (cd "$HOME_DIR" && mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$HOME_DIR/jars") >&2
  # bin/spark-submit as a distribution has it: Spark's launcher library builds the driver's java
  # command (Java 17 opens, driver options, classpath) and the script runs it
  cat > "$HOME_DIR/bin/spark-submit" <<'SUBMIT'
#!/usr/bin/env bash
export SPARK_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SPARK_SCALA_VERSION=2.12
CMD=()
while IFS= read -d '' -r ARG; do CMD+=("$ARG"); done < <(java -Xmx128m -cp "$SPARK_HOME/jars/*" \
  org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit "$@"; printf '%d\0' $?)
# the launcher prints any message for the user, then a NUL and a newline, then the command
# (NUL-separated); the exit code comes last
[[ -n "${CMD[0]}" ]] && printf '%s' "${CMD[0]}"
LAST=$((${#CMD[@]} - 1))
[[ "${CMD[$LAST]}" == 0 && $LAST -ge 2 ]] || exit "${CMD[$LAST]/#0/1}"
CMD[1]="${CMD[1]#$'\n'}"
exec "${CMD[@]:1:$((LAST - 1))}"
SUBMIT
  chmod +x "$HOME_DIR/bin/spark-submit"
  echo "Spark $version (Scala 2.12), jars resolved by Maven for sparksynth" > "$HOME_DIR/RELEASE"
}

daemon() { # name, main class, args...
  local name="$1"; shift
  SPARK_HOME="$HOME_DIR" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS=1 \
    nohup java "${JAVA17_OPENS[@]}" -Xmx1g -cp "$HOME_DIR/jars/*" "$@" > "$HOME_DIR/logs/$name.log" 2>&1 &
  echo $! > "$HOME_DIR/$name.pid"
}

case "${1:-}" in
  start)
    workers="${2:-2}"
    if [[ -n "$(alive_workers)" ]]; then
      echo "a master already answers on port $UI: stop it first ($0 stop)" >&2; exit 1
    fi
    layout
    daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port "$UI"
    for i in $(seq 1 "$workers"); do
      daemon "worker$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "${WORKER_CORES:-1}" \
        --memory "${WORKER_MEMORY:-3g}" --webui-port 0 --work-dir "$HOME_DIR/work/worker$i" \
        "spark://127.0.0.1:$PORT"
    done
    for _ in $(seq 1 120); do
      [[ "$(alive_workers)" == "$workers" ]] && break
      for f in "$HOME_DIR"/*.pid; do
        if ! kill -0 "$(cat "$f")" 2>/dev/null; then
          name="$(basename "$f" .pid)"
          echo "the $name did not start:" >&2; tail -n 5 "$HOME_DIR/logs/$name.log" >&2; "$0" stop >&2; exit 1
        fi
      done
      sleep 1
    done
    if [[ "$(alive_workers)" != "$workers" ]]; then
      echo "the workers did not register within 2 minutes; logs in $HOME_DIR/logs" >&2; exit 1
    fi
    echo "master spark://127.0.0.1:$PORT with $workers workers (web UI http://127.0.0.1:$UI, logs in $HOME_DIR/logs)"
    echo "submit with: export SPARK_HOME=$HOME_DIR"
    ;;
  status)
    echo "alive workers: $(alive_workers)"
    ;;
  stop)
    for f in "$HOME_DIR"/worker*.pid "$HOME_DIR"/master.pid; do
      [[ -f "$f" ]] || continue
      pid="$(cat "$f")"
      # only the daemons this script started: their command line names our jars directory
      if [[ -r "/proc/$pid/cmdline" ]] && tr "\0" " " < "/proc/$pid/cmdline" | grep -q "$HOME_DIR/jars"; then
        kill "$pid" && echo "stopped $(basename "$f" .pid) (pid $pid)"
      fi
      rm -f "$f"
    done
    rm -rf "$HOME_DIR/work" # the executors' copies of the job jar
    ;;
  *)
    sed -n '8,10p' "$0" >&2; exit 2 ;;
esac
