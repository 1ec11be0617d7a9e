package io.sparksynth.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and two workers as separate JVMs from the
 * Maven-resolved Spark classpath, the job jar submitted with SparkSubmit (client mode, two
 * executors). Checks that training ran tasks on both executors (from Spark's event log), that the
 * outputs are complete and that the statistics hold; then kills an executor during training and
 * during generation (checking from the event log that tasks died with it and were recomputed),
 * and the driver during training, and checks that the results equal the undisturbed run's row
 * for row; then the same executor kill in the training of a conv GAN on an image table. Every
 * process started is stopped by PID.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
    /** The job jar in the build directory that holds these test classes (target/, or -Dbuild.dir). */
    static final String JAR = buildDir().resolve("sparksynth-job.jar").toString();
    static final String INPUT = new File("data/eustock_losses.parquet").getAbsolutePath();
    static final List<Process> processes = new ArrayList<>();
    static final List<Process> workers = new ArrayList<>();
    /** The undisturbed run's outputs, which the fault tests must reproduce exactly. */
    static String baselineModel;
    static String baselineSynthetic;
    static SparkSession local;
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
            workers.add(start("worker" + w, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                    "--memory", "2g", "--webui-port", String.valueOf(freePort()), "--work-dir",
                    work.resolve("worker" + w).toString(), master), sparkHome.getParent()));
        }
        waitForWorkers(ui, 2);
    }

    static Path buildDir() {
        try {
            return Path.of(StandaloneClusterIT.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
        if (local != null) {
            local.stop();
        }
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
        // keep the logs and event logs; drop the bulk (the job jar copied per executor, large outputs)
        for (String bulk : List.of("worker1", "worker2", "large-undisturbed", "large-executor-killed")) {
            try {
                ReadmeStandaloneIT.deleteRecursively(work.resolve(bulk));
            } catch (Exception e) {
                // best effort: it is a temporary directory
            }
        }
    }

    @Test
    @Order(1)
    void trainGenerateAndEvaluateOnTwoExecutors() throws Exception {
        Path events = Files.createDirectories(work.resolve("events"));
        String model = work.resolve("model").toString();
        String synthetic = work.resolve("synthetic").toString();
        String report = work.resolve("report").toString();

        assertEquals(0, submit("train", events, train(model)));
        assertTrue(new File(model, "_SUCCESS").exists());
        Map<String, Integer> tasks = trainingTasksPerExecutor(events);
        System.out.println("cluster run: training tasks per executor " + tasks);
        assertEquals(Set.of("0", "1"), tasks.keySet(), "averaging rounds ran on both executors");
        assertEquals(List.of(), recomputedTrainingTasks(events), "an undisturbed training recomputes nothing");

        assertEquals(0, submit("generate", events, "generate", "--model", model, "--rows", "5000",
                "--partitions", "4", "--output", synthetic));
        assertTrue(new File(synthetic, "_SUCCESS").exists());

        assertEquals(0, submit("evaluate", events, "evaluate", "--real", INPUT, "--synthetic", synthetic,
                "--report", report, "--model", model));
        JsonNode m = new ObjectMapper().readTree(new File(report, "metrics.json"));
        assertEquals(5000, m.at("/rows/synthetic").asLong());
        System.out.println("cluster run: column_shapes " + m.at("/column_shapes") + ", correlation_mad "
                + m.at("/correlation_mad"));
        assertTrue(m.at("/column_shapes").asDouble() > 0.75, "marginals of a 100-epoch model: " + m.at("/column_shapes"));
        assertTrue(m.at("/correlation_mad").asDouble() < 0.25, "correlations kept: " + m.at("/correlation_mad"));
        baselineModel = model;
        baselineSynthetic = synthetic;
    }

    /** An executor dies mid-training: its round's tasks are recomputed, and the model is the same. */
    @Test
    @Order(2)
    void executorKilledDuringTrainingLeavesTheModelUnchanged() throws Exception {
        assumeTrue(baselineModel != null, "needs the undisturbed run");
        Path events = Files.createDirectories(work.resolve("events-train-kill"));
        String model = work.resolve("model-executor-killed").toString();
        Process p = submitAsync("train-executor-killed", events, train(model, "--set", "train.log-every=1"));
        killExecutorDuringATrainingTask(p, "train-executor-killed", 30, 45, 60);
        assertEquals(0, exitOf(p, "train"));
        assertTrue(count(events, "SparkListenerExecutorRemoved") >= 1, "the executor was lost during training");
        List<String> recomputed = recomputedTrainingTasks(events);
        System.out.println("fault: training tasks lost with the executor and recomputed: " + recomputed);
        assertFalse(recomputed.isEmpty(), "a training task died with the executor and its partition was recomputed");

        assertGeneratesTheBaselineRows(model, "synthetic-executor-killed-in-training", events);
    }

    /** An executor dies mid-generation: the lost partitions are regenerated, no row missing or doubled. */
    @Test
    @Order(3)
    void executorKilledDuringGenerationLeavesTheRowsUnchanged() throws Exception {
        assumeTrue(baselineModel != null, "needs the undisturbed run");
        Path events = Files.createDirectories(work.resolve("events-generate-kill"));
        String[] generate = {"generate", "--model", baselineModel, "--rows", "3000000", "--partitions", "16",
                "--seed", "5", "--output", null};
        String undisturbed = work.resolve("large-undisturbed").toString();
        generate[generate.length - 1] = undisturbed;
        assertEquals(0, submit("generate-large", events, generate));

        String disturbed = work.resolve("large-executor-killed").toString();
        generate[generate.length - 1] = disturbed;
        Process p = submitAsync("generate-large-executor-killed", Files.createDirectories(events.resolve("killed")),
                generate);
        killExecutorWhen(p, "first Parquet part file", () -> partFileWritten(".large-executor-killed.tmp-"));
        assertEquals(0, exitOf(p, "generate"));
        assertTrue(new File(disturbed, "_SUCCESS").exists());
        int lost = lostTasks(events.resolve("killed"));
        System.out.println("fault: generation tasks lost with the executor: " + lost);
        assertTrue(lost >= 1, "the executor died while generation tasks ran on it");
        assertSameRows(undisturbed, disturbed);
    }

    /** The driver dies mid-training: nothing is published, and train --resume ends with the same model. */
    @Test
    @Order(4)
    void driverKilledDuringTrainingResumesFromItsCheckpoint() throws Exception {
        assumeTrue(baselineModel != null, "needs the undisturbed run");
        Path events = Files.createDirectories(work.resolve("events-driver-kill"));
        String model = work.resolve("model-driver-killed").toString();
        Process p = submitAsync("train-driver-killed", events, train(model, "--set", "train.log-every=1",
                "--set", "train.checkpoint-every=10"));
        waitFor(p, "epoch 45/", () -> logOf("train-driver-killed"));
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup, as when a driver's host dies
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertFalse(new File(model).exists(), "a killed training publishes no model");
        assertTrue(new File(model + ".checkpoint", "state.bin").exists(), "the checkpoint of epoch 40 is there");

        assertEquals(0, submit("train-resumed", events, train(model, "--resume")));
        java.util.regex.Matcher resumed = java.util.regex.Pattern.compile("resuming after epoch (\\d+)")
                .matcher(logOf("train-resumed"));
        assertTrue(resumed.find(), "train --resume found the checkpoint");
        System.out.println("fault: driver killed, training resumed after epoch " + resumed.group(1));
        assertTrue(Integer.parseInt(resumed.group(1)) >= 40, "resumed from the last checkpoint, not the start");
        assertTrue(new File(model, "_SUCCESS").exists());
        assertFalse(new File(model + ".checkpoint").exists(), "the checkpoint is removed once the model is saved");
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(".model-driver-killed.")).toList(), "no temporary left behind");
        }
        assertGeneratesTheBaselineRows(model, "synthetic-driver-killed", events);
    }

    /**
     * An executor dies while the conv pair trains on an image table (convolutions, upsampling and
     * batch normalisation in the averaged state): the model and its rows are the undisturbed run's.
     */
    @Test
    @Order(5)
    void executorKilledDuringConvTrainingLeavesTheImageModelUnchanged() throws Exception {
        String images = ClusterImages.writeTable(localSpark(), work.resolve("images.parquet"));
        Path events = Files.createDirectories(work.resolve("events-images"));
        String undisturbed = work.resolve("model-images").toString();
        assertEquals(0, submit("train-images", events, ClusterImages.train(images, undisturbed)));
        assertEquals(Set.of("0", "1"), trainingTasksPerExecutor(events).keySet(),
                "the conv pair trained on both executors");
        assertEquals(List.of(), recomputedTrainingTasks(events), "an undisturbed training recomputes nothing");
        String rows = generate(undisturbed, "synthetic-images", events);

        Path killEvents = Files.createDirectories(work.resolve("events-images-kill"));
        String model = work.resolve("model-images-executor-killed").toString();
        Process p = submitAsync("train-images-executor-killed", killEvents, ClusterImages.train(images, model));
        killExecutorDuringATrainingTask(p, "train-images-executor-killed", 4, 8, 12);
        assertEquals(0, exitOf(p, "train"));
        assertTrue(count(killEvents, "SparkListenerExecutorRemoved") >= 1, "the executor was lost during training");
        List<String> recomputed = recomputedTrainingTasks(killEvents);
        System.out.println("fault: conv training tasks lost with the executor and recomputed: " + recomputed);
        assertFalse(recomputed.isEmpty(), "a training task died with the executor and its partition was recomputed");

        ClusterImages.assertSameModel(undisturbed, model);
        assertGeneratesTheRowsOf(rows, model, "synthetic-images-executor-killed", killEvents);
    }

    /** The model generates, with the baseline's settings and seed, exactly the baseline's rows. */
    static void assertGeneratesTheBaselineRows(String model, String name, Path events) throws Exception {
        assertGeneratesTheRowsOf(baselineSynthetic, model, name, events);
    }

    /** The model generates, with the same settings and seed, exactly the rows in {@code expected}. */
    static void assertGeneratesTheRowsOf(String expected, String model, String name, Path events) throws Exception {
        assertSameRows(expected, generate(model, name, events));
    }

    /** 5000 rows in 4 files, with the default seed, into the work directory's {@code name}. */
    static String generate(String model, String name, Path events) throws Exception {
        String synthetic = work.resolve(name).toString();
        assertEquals(0, submit("generate-" + name, events, "generate", "--model", model, "--rows", "5000",
                "--partitions", "4", "--output", synthetic));
        return synthetic;
    }

    /** The training arguments of every run here: the same data, config and seed. */
    static String[] train(String model, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--input", INPUT, "--model", model, "--conf",
                "conf/eustock.conf", "--set", "train.epochs=100", "--set", "train.log-every=20"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    static int submit(String label, Path events, String... args) throws Exception {
        return exitOf(submitAsync(label, events, args), args[0]);
    }

    static int exitOf(Process p, String what) throws InterruptedException {
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), what + " finished");
        return p.exitValue();
    }

    static Process submitAsync(String label, Path events, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master,
                "--deploy-mode", "client", "--class", "io.sparksynth.cli.SparkSynth",
                "--executor-cores", "1", "--executor-memory", "1g", "--conf", "spark.cores.max=2",
                "--conf", "spark.executor.extraClassPath=" + classpath,
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=1",
                // Kryo, as clusters are commonly configured (conf/spark-defaults.conf sets it too)
                "--conf", "spark.serializer=org.apache.spark.serializer.KryoSerializer",
                "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + events.toUri(),
                "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                // start only once both executors are there, so that both take training partitions
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
                new File(JAR).getAbsolutePath()));
        cmd.addAll(List.of(args));
        Process p = launch("submit-" + label, cmd, null);
        processes.add(p);
        return p;
    }

    static String logOf(String label) {
        try {
            return Files.readString(work.resolve("submit-" + label + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    /** Polls until {@code state} contains {@code text}; fails if the job ends first. */
    static void waitFor(Process p, String text, Callable<String> state) throws Exception {
        for (int i = 0; i < 6000; i++) {
            if (state.call().contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("the job ended (exit " + p.exitValue() + ") before \"" + text + "\"");
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + text + "\" within 10 minutes");
    }

    /** "first Parquet part file" once a task of the write has started a part file in the temporary output. */
    static String partFileWritten(String tempPrefix) {
        try (Stream<Path> temps = Files.list(work)) {
            for (Path t : temps.filter(f -> f.getFileName().toString().startsWith(tempPrefix)).toList()) {
                try (Stream<Path> files = Files.walk(t)) {
                    if (files.anyMatch(f -> f.getFileName().toString().startsWith("part-"))) {
                        return "first Parquet part file";
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // Spark moves files while we look: look again
        }
        return "";
    }

    /**
     * Kills the first worker's executor while it holds a training task. A round's task on a small
     * table lasts less than the executor's log takes to show it, so killing on sight of a running task
     * raced the task's end (and lost that race on a CI machine). Instead the executor is frozen
     * (SIGSTOP) after the first of {@code epochs}: the driver still counts its core as free, so the
     * round under way, or the next, hands it a task that cannot finish; some seconds later the frozen
     * executor is killed (SIGKILL) with that task on it. Should the driver still report no lost task
     * (training busy on the driver alone for that long), the new executor is frozen and killed again
     * after the next of {@code epochs}.
     */
    static void killExecutorDuringATrainingTask(Process job, String label, int... epochs) throws Exception {
        Set<Long> killed = new HashSet<>();
        for (int epoch : epochs) {
            waitFor(job, "epoch " + epoch + "/", () -> logOf(label));
            ProcessHandle executor = waitForExecutor(job, workers.get(0), killed);
            long lostBefore = lostTasksInLog(logOf(label));
            signal(executor, "STOP");
            Thread.sleep(8_000); // many rounds' worth: a task is assigned to the frozen executor meanwhile
            executor.destroyForcibly();
            killed.add(executor.pid());
            System.out.println("fault: froze executor pid " + executor.pid() + " after \"epoch " + epoch
                    + "/\" for 8 s, then killed it");
            if (poll(job, 30, () -> lostTasksInLog(logOf(label)) > lostBefore) || !job.isAlive()) {
                return; // the assertions on the event log say whether a task was lost and recomputed
            }
        }
    }

    /**
     * Tasks the driver's log reports lost: "Lost task" when Spark blames the task, "its executor
     * exited" when it does not (an executor killed from outside, as here).
     */
    static long lostTasksInLog(String driverLog) {
        return occurrences(driverLog, "Lost task") + occurrences(driverLog, "its executor exited");
    }

    /** Sends a signal by name (STOP, CONT) to a process, with the shell's kill builtin. */
    static void signal(ProcessHandle process, String name) throws Exception {
        Process kill = new ProcessBuilder("sh", "-c", "kill -" + name + " " + process.pid()).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " " + process.pid());
    }

    /** Polls {@code condition} for up to {@code seconds}; false if it never held (or the job ended). */
    static boolean poll(Process job, int seconds, Callable<Boolean> condition) throws Exception {
        for (int i = 0; i < seconds * 20 && job.isAlive(); i++) {
            if (condition.call()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The executor the worker runs for the application now (a new one after a kill). */
    static ProcessHandle waitForExecutor(Process job, Process worker, Set<Long> killed) throws Exception {
        for (int i = 0; i < 1200 && job.isAlive(); i++) {
            var executor = worker.descendants().filter(ProcessHandle::isAlive)
                    .filter(h -> !killed.contains(h.pid()))
                    .filter(h -> commandLine(h).contains("CoarseGrainedExecutorBackend")).findFirst();
            if (executor.isPresent()) {
                return executor.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the worker runs no executor for the job");
    }

    static long occurrences(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    /** Once the job shows {@code text}, kills the first worker's executor. */
    static void killExecutorWhen(Process job, String text, Callable<String> state) throws Exception {
        waitFor(job, text, state);
        long pid = killExecutorOf(workers.get(0));
        System.out.println("fault: killed executor pid " + pid + " at \"" + text + "\"");
    }

    /**
     * Kills the executor JVM that a worker launched for the running application (the worker's
     * child process, started by this test's cluster), as when an executor's host fails.
     */
    static long killExecutorOf(Process worker) {
        ProcessHandle executor = worker.descendants()
                .filter(h -> commandLine(h).contains("CoarseGrainedExecutorBackend"))
                .findFirst().orElseThrow(() -> new AssertionError("the worker runs no executor"));
        executor.destroyForcibly();
        return executor.pid();
    }

    /** The full command line from /proc (ProcessHandle.Info gives up on very long class paths). */
    static String commandLine(ProcessHandle h) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(h.pid()), "cmdline")));
        } catch (IOException e) {
            return h.info().commandLine().orElse("");
        }
    }

    /** The same multiset of rows: same count, same order-independent hash, nothing in one but not the other. */
    static void assertSameRows(String expected, String actual) {
        Dataset<Row> a = localSpark().read().parquet(expected);
        Dataset<Row> b = localSpark().read().parquet(actual);
        Row da = digest(a);
        Row db = digest(b);
        System.out.println("rows digest (count, sum of xxhash64): " + da + " expected, " + db + " actual");
        assertEquals(da, db, actual + " has the rows of " + expected);
        assertEquals(0, a.exceptAll(b).count(), "rows missing from " + actual);
        assertEquals(0, b.exceptAll(a).count(), "rows added in " + actual);
    }

    /** A local session in this JVM, to write inputs and compare outputs. */
    static SparkSession localSpark() {
        if (local == null) {
            local = SparkSession.builder().master("local[2]").appName("cluster-it-check")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8").getOrCreate();
        }
        return local;
    }

    static Row digest(Dataset<Row> d) {
        return d.agg(functions.count(functions.lit(1)),
                functions.sum(functions.xxhash64(functions.col("*")).cast("decimal(38,0)"))).first();
    }

    /** Executor ids and task counts of sparksynth's training rounds, from the event logs. */
    static Map<String, Integer> trainingTasksPerExecutor(Path events) throws IOException {
        Map<String, Integer> executors = new TreeMap<>();
        Set<Integer> trainingStages = new HashSet<>();
        for (JsonNode e : events(events)) {
            String type = e.path("Event").asText();
            if (type.equals("SparkListenerStageSubmitted")) {
                String desc = e.at("/Properties/spark.job.description").asText("");
                if (desc.startsWith("sparksynth train")) {
                    trainingStages.add(e.at("/Stage Info/Stage ID").asInt());
                }
            } else if (type.equals("SparkListenerTaskEnd") && trainingStages.contains(e.path("Stage ID").asInt())) {
                executors.merge(e.at("/Task Info/Executor ID").asText(), 1, Integer::sum);
            }
        }
        return executors;
    }

    static int count(Path events, String type) throws IOException {
        return (int) events(events).stream().filter(e -> e.path("Event").asText().equals(type)).count();
    }

    /**
     * Partitions of training rounds ("stage S partition P: reason") whose task failed (its executor
     * lost, or its result with it) and that a later task of the same stage then computed successfully.
     */
    static List<String> recomputedTrainingTasks(Path events) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(events)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) { // stage ids are per application
                out.addAll(recomputedTrainingTasks(eventsOf(log)));
            }
        }
        return out;
    }

    static List<String> recomputedTrainingTasks(List<JsonNode> events) {
        Set<Integer> trainingStages = new HashSet<>();
        Map<String, JsonNode> failed = new TreeMap<>();
        List<JsonNode> succeeded = new ArrayList<>();
        for (JsonNode e : events) {
            String type = e.path("Event").asText();
            if (type.equals("SparkListenerStageSubmitted")
                    && e.at("/Properties/spark.job.description").asText("").startsWith("sparksynth train")) {
                trainingStages.add(e.at("/Stage Info/Stage ID").asInt());
            } else if (type.equals("SparkListenerTaskEnd") && trainingStages.contains(e.path("Stage ID").asInt())) {
                if (e.at("/Task End Reason/Reason").asText().equals("Success")) {
                    succeeded.add(e);
                } else {
                    failed.put(e.path("Stage ID").asInt() + "/" + e.at("/Task Info/Index").asInt() + "/"
                            + e.at("/Task Info/Task ID").asLong(), e);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (JsonNode f : failed.values()) {
            boolean retried = succeeded.stream().anyMatch(s -> s.path("Stage ID").asInt() == f.path("Stage ID").asInt()
                    && s.at("/Task Info/Index").asInt() == f.at("/Task Info/Index").asInt()
                    && s.at("/Task Info/Task ID").asLong() > f.at("/Task Info/Task ID").asLong());
            if (retried) {
                out.add("stage " + f.path("Stage ID").asInt() + " partition " + f.at("/Task Info/Index").asInt() + ": "
                        + f.at("/Task End Reason/Reason").asText());
            }
        }
        return out;
    }

    /** Tasks that ended because their executor was lost. */
    static int lostTasks(Path events) throws IOException {
        return (int) events(events).stream().filter(e -> e.path("Event").asText().equals("SparkListenerTaskEnd")
                && e.at("/Task End Reason/Reason").asText().equals("ExecutorLostFailure")).count();
    }

    static List<JsonNode> events(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.addAll(eventsOf(f));
            }
        }
        return out;
    }

    /** The events of one application's event log, one JSON object a line. */
    static List<JsonNode> eventsOf(Path log) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank()) {
                out.add(json.readTree(line));
            }
        }
        return out;
    }

    static Process start(String name, List<String> args, Path sparkHome) throws IOException {
        Process p = launch(name, args, sparkHome);
        processes.add(p);
        return p;
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
