#!/usr/bin/env bash
# sparksynth on a Spark standalone cluster, client mode (the driver runs here, so local config files work).
#   SPARK_HOME=/opt/spark MASTER=spark://host:7077 submit-scripts/submit-standalone.sh \
#       train --input hdfs:///data/real.parquet --model hdfs:///models/real --conf conf/adult.conf
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${SPARK_HOME:?set SPARK_HOME to a Spark 3.5 (Scala 2.12) distribution}"
: "${MASTER:?set MASTER, e.g. spark://host:7077}"
exec "$HERE/sparksynth" \
  --master "$MASTER" --deploy-mode client \
  --driver-memory "${DRIVER_MEMORY:-4g}" \
  --executor-memory "${EXECUTOR_MEMORY:-4g}" \
  --executor-cores "${EXECUTOR_CORES:-2}" \
  --total-executor-cores "${TOTAL_CORES:-8}" \
  --conf spark.executor.memoryOverhead="${MEMORY_OVERHEAD:-1g}" \
  "$@"
