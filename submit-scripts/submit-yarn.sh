#!/usr/bin/env bash
# sparksynth on YARN, cluster mode: the driver runs in the cluster, so the config file is shipped
# with --files and named by its base name, and all data paths must be cluster paths (hdfs://, s3a://).
#   SPARK_HOME=/opt/spark submit-scripts/submit-yarn.sh conf/adult.conf \
#       pipeline --conf adult.conf --set input=hdfs:///data/adult --set output=hdfs:///synth/adult
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${SPARK_HOME:?set SPARK_HOME to a Spark 3.5 (Scala 2.12) distribution}"
CONF_FILE="$1"; shift
exec "$HERE/sparksynth" \
  --master yarn --deploy-mode cluster \
  --files "$CONF_FILE" \
  --num-executors "${EXECUTORS:-4}" \
  --executor-memory "${EXECUTOR_MEMORY:-4g}" \
  --executor-cores "${EXECUTOR_CORES:-2}" \
  --driver-memory "${DRIVER_MEMORY:-4g}" \
  --conf spark.executor.memoryOverhead="${MEMORY_OVERHEAD:-1g}" \
  --conf spark.yarn.appMasterEnv.OMP_NUM_THREADS=1 \
  --conf spark.yarn.maxAppAttempts=1 \
  "$@"
