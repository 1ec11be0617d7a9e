package io.sparksynth.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and two workers as separate JVMs from the
 * Maven-resolved Spark classpath, the job jar submitted with SparkSubmit (client mode, two
 * executors). Checks that training ran tasks on both executors (from Spark's event log), that the
 * outputs are complete and that the statistics hold. Every process started is stopped by PID.
 */
class StandaloneClusterIT {
    static final String JAR = "target/sparksynth-job.jar";
    static final List<Process> processes = new ArrayList<>();
    static Path work;
    static String master;
    static String classpath;

    @BeforeAll
    static void startCluster() throws Exception {
        assertTrue(new File(JAR).exists(), "the job jar is built before integration tests (mvn verify)");
        work = Files.createTempDirectory("sparksynth-cluster");
        Path sparkHome = Files.createDirectories(work.resolve("spark-home/jars"));
        // the Maven-resolved jars, without the build's own classes: sparksynth comes from the job jar only
        classpath = Stream.of(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                        .split(File.pathSeparator))
                .filter(e -> !e.endsWith("classes") && !e.endsWith("classes/"))
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        int port = freePort();
        int ui = freePort();
        master = "spark://127.0.0.1:" + port;
        start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(ui)), sparkHome.getParent());
        waitForPort(port);
        for (int w = 1; w <= 2; w++) {
            start("worker" + w, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                    "--memory", "2g", "--webui-port", String.valueOf(freePort()), "--work-dir",
                    work.resolve("worker" + w).toString(), master), sparkHome.getParent());
        }
        waitForWorkers(ui, 2);
    }

    /** Polls the master's JSON status until the workers are alive (slow machines start JVMs slowly). */
    static void waitForWorkers(int ui, int n) throws Exception {
        for (int i = 0; i < 120; i++) {
            try (java.io.InputStream in = new java.net.URL("http://127.0.0.1:" + ui + "/json/").openStream()) {
                if (new ObjectMapper().readTree(in).path("aliveworkers").asInt() >= n) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(n + " workers did not register within 60 s; see " + work);
    }

    @AfterAll
    static void stopCluster() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void trainGenerateAndEvaluateOnTwoExecutors() throws Exception {
        Path events = Files.createDirectories(work.resolve("events"));
        String model = work.resolve("model").toString();
        String synthetic = work.resolve("synthetic").toString();
        String report = work.resolve("report").toString();
        String input = new File("data/eustock_losses.parquet").getAbsolutePath();

        assertEquals(0, submit(events, "train", "--input", input, "--model", model, "--conf", "conf/eustock.conf",
                "--set", "train.epochs=100", "--set", "train.log-every=20"));
        assertTrue(new File(model, "_SUCCESS").exists());
        assertEquals(Set.of("0", "1"), trainingExecutors(events), "averaging rounds ran on both executors");

        assertEquals(0, submit(events, "generate", "--model", model, "--rows", "5000", "--partitions", "4",
                "--output", synthetic));
        assertTrue(new File(synthetic, "_SUCCESS").exists());

        assertEquals(0, submit(events, "evaluate", "--real", input, "--synthetic", synthetic, "--report", report,
                "--model", model));
        JsonNode m = new ObjectMapper().readTree(new File(report, "metrics.json"));
        assertEquals(5000, m.at("/rows/synthetic").asLong());
        System.out.println("cluster run: column_shapes " + m.at("/column_shapes") + ", correlation_mad "
                + m.at("/correlation_mad"));
        assertTrue(m.at("/column_shapes").asDouble() > 0.75, "marginals of a 100-epoch model: " + m.at("/column_shapes"));
        assertTrue(m.at("/correlation_mad").asDouble() < 0.25, "correlations kept: " + m.at("/correlation_mad"));
    }

    static int submit(Path events, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master,
                "--deploy-mode", "client", "--class", "io.sparksynth.cli.SparkSynth",
                "--executor-cores", "1", "--executor-memory", "1g", "--conf", "spark.cores.max=2",
                "--conf", "spark.executor.extraClassPath=" + classpath,
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=1",
                "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + events.toUri(),
                "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                // start only once both executors are there, so that both take training partitions
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
                new File(JAR).getAbsolutePath()));
        cmd.addAll(List.of(args));
        Process p = launch("submit-" + args[0], cmd, null);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), args[0] + " finished");
        return p.exitValue();
    }

    /** Executor ids of the tasks of sparksynth's training rounds, from the event logs. */
    static Set<String> trainingExecutors(Path events) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> executors = new HashSet<>();
        Set<Integer> trainingStages = new HashSet<>();
        try (Stream<Path> files = Files.list(events)) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode e = json.readTree(line);
                    String type = e.path("Event").asText();
                    if (type.equals("SparkListenerStageSubmitted")) {
                        String desc = e.at("/Properties/spark.job.description").asText("");
                        if (desc.startsWith("sparksynth train")) {
                            trainingStages.add(e.at("/Stage Info/Stage ID").asInt());
                        }
                    } else if (type.equals("SparkListenerTaskEnd")
                            && trainingStages.contains(e.path("Stage ID").asInt())) {
                        executors.add(e.at("/Task Info/Executor ID").asText());
                    }
                }
            }
        }
        return executors;
    }

    static void start(String name, List<String> args, Path sparkHome) throws IOException {
        processes.add(launch(name, args, sparkHome));
    }

    static Process launch(String name, List<String> args, Path sparkHome) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(System.getProperty("sparksynth.opens", "").split(" ")).stream()
                .filter(s -> !s.isBlank()).toList());
        cmd.addAll(List.of("-Xmx1g", "-cp", classpath));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (sparkHome != null) {
            pb.environment().put("SPARK_HOME", sparkHome.toString());
        }
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
        return pb.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the master did not open port " + port);
    }
}
