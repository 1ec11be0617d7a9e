#!/usr/bin/env bash
# sparksynth on one machine: Spark local[*] (embedded, or through spark-submit when SPARK_HOME is set).
#   submit-scripts/submit-local.sh pipeline --conf conf/eustock.conf
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$HERE/sparksynth" --master "local[${CORES:-*}]" --driver-memory "${DRIVER_MEMORY:-4g}" "$@"
