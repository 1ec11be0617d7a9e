#!/usr/bin/env bash
# sparksynth on Kubernetes, cluster mode. IMAGE is a Spark 3.5 (Scala 2.12, Java 17) image with the job
# jar at /opt/sparksynth/sparksynth-job.jar and the configs at /opt/sparksynth/conf.
#   SPARK_HOME=/opt/spark K8S_API=https://k8s:6443 IMAGE=registry/sparksynth:0.1.0 \
#     submit-scripts/submit-k8s.sh pipeline --conf /opt/sparksynth/conf/adult.conf --set output=s3a://bucket/adult
set -euo pipefail
: "${SPARK_HOME:?set SPARK_HOME to a Spark 3.5 (Scala 2.12) distribution}"
: "${K8S_API:?set K8S_API, e.g. https://k8s-api:6443}"
: "${IMAGE:?set IMAGE to a Spark image holding the sparksynth job jar}"
exec "$SPARK_HOME/bin/spark-submit" \
  --master "k8s://$K8S_API" --deploy-mode cluster --name sparksynth \
  --class io.sparksynth.cli.SparkSynth \
  --conf spark.kubernetes.container.image="$IMAGE" \
  --conf spark.kubernetes.namespace="${NAMESPACE:-default}" \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName="${SERVICE_ACCOUNT:-spark}" \
  --conf spark.executor.instances="${EXECUTORS:-4}" \
  --conf spark.executor.memory="${EXECUTOR_MEMORY:-4g}" \
  --conf spark.executor.cores="${EXECUTOR_CORES:-2}" \
  --conf spark.executor.memoryOverhead="${MEMORY_OVERHEAD:-1g}" \
  --conf spark.kubernetes.driverEnv.OMP_NUM_THREADS=1 \
  --conf spark.executorEnv.OMP_NUM_THREADS=1 \
  --conf spark.serializer=org.apache.spark.serializer.KryoSerializer \
  local:///opt/sparksynth/sparksynth-job.jar "$@"
