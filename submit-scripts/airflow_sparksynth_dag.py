"""Nightly synthetic release of a table with sparksynth: train, generate, evaluate.

Each task is a spark-submit of the sparksynth job jar; a non-zero exit code (2 configuration,
3 input data, 1 other) fails the task, and every output directory is committed atomically with
_SUCCESS, so a retried task replaces its output and downstream readers never see half a table.
Needs apache-airflow-providers-apache-spark and a "spark_default" connection to the cluster.
"""
from datetime import datetime

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

JAR = "/opt/sparksynth/target/sparksynth-job.jar"
BASE = "hdfs:///synthetic/adult/dt={{ ds }}"
SPARK_CONF = {
    "spark.executor.memoryOverhead": "1g",
    "spark.executorEnv.OMP_NUM_THREADS": "1",
}


def sparksynth(task_id, *args):
    return SparkSubmitOperator(
        task_id=task_id,
        application=JAR,
        java_class="io.sparksynth.cli.SparkSynth",
        application_args=list(args),
        conf=SPARK_CONF,
        executor_memory="4g",
        executor_cores=2,
        num_executors=4,
        name=f"sparksynth-{task_id}",
    )


with DAG(
    dag_id="sparksynth_adult",
    start_date=datetime(2026, 11, 1),
    schedule="@daily",
    catchup=False,
    default_args={"retries": 1},
    tags=["synthetic-data"],
) as dag:
    train = sparksynth("train", "train", "--input", "hdfs:///data/adult/dt={{ ds }}",
                       "--model", f"{BASE}/model", "--conf", "/opt/sparksynth/conf/adult.conf")
    generate = sparksynth("generate", "generate", "--model", f"{BASE}/model", "--rows", "10000000",
                          "--partitions", "200", "--seed", "42", "--output", f"{BASE}/synthetic")
    evaluate = sparksynth("evaluate", "evaluate", "--real", "hdfs:///data/adult/dt={{ ds }}",
                          "--synthetic", f"{BASE}/synthetic", "--report", f"{BASE}/report",
                          "--model", f"{BASE}/model", "--target", "income")
    train >> generate >> evaluate
