package io.ragplatform.api.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code quarkus-run.jar}) as a real child process on its own data directory: start, wait for
 * readiness, {@code kill -9}, restart on the same data directory. Each start listens on a fresh free port and logs
 * to its own file next to the data directory.
 *
 * <p>System properties (set by failsafe in {@code api/pom.xml}): {@code rag.it.jar} (the packaged service),
 * {@code rag.it.java} (the java executable), {@code rag.it.work-dir} (where data directories go; default: the system
 * temp directory).
 */
final class ServiceProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final int LOG_TAIL_LINES = 80;

    private final String name;
    private final Path workDir;
    private final Path dataDir;
    private final List<Path> logs = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private volatile Process process;
    private int port;

    private ServiceProcess(String name, Path workDir) {
        this.name = name;
        this.workDir = workDir;
        this.dataDir = workDir.resolve("data");
        // never leave a service behind when the test JVM goes away
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            Process p = process;
                            if (p != null) {
                                p.destroyForcibly();
                            }
                        },
                        name + "-reaper"));
    }

    /** A service on a fresh, empty data directory, started and ready. */
    static ServiceProcess startFresh(String name) {
        try {
            String base = System.getProperty("rag.it.work-dir");
            Path root = base == null || base.isBlank() ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(base);
            Files.createDirectories(root);
            ServiceProcess s = new ServiceProcess(name, Files.createTempDirectory(root, name + "-"));
            Files.createDirectories(s.dataDir);
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("rag.it.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged service at " + jar.toAbsolutePath()
                    + "; run `./mvnw -B install -DskipTests` first, or run the ITs through `./mvnw verify`");
        }
        return jar;
    }

    static String java() {
        return System.getProperty(
                "rag.it.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Starts the service on the data directory and waits until it is ready; fails with the log when it is not. */
    void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        port = freePort();
        Path log = workDir.resolve("service-" + (logs.size() + 1) + ".log");
        logs.add(log);
        ProcessBuilder pb = new ProcessBuilder(
                        java(),
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-jar",
                        jar().toAbsolutePath().toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("RAG_DATA_DIR", dataDir.toString());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        long t0 = System.nanoTime();
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", pb.command()), e);
        }
        awaitReady(t0);
        System.out.printf(
                "[%s] started pid %d on port %d in %d ms (data %s)%n",
                name, process.pid(), port, (System.nanoTime() - t0) / 1_000_000, dataDir);
    }

    private void awaitReady(long t0) {
        HttpRequest ready = HttpRequest.newBuilder(uri("/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = t0 + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " (pid " + process.pid() + ", port " + port + ") exited with "
                        + process.exitValue() + " before it was ready\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError(name + " not ready within " + READY_TIMEOUT.toSeconds() + " s\n" + logTail());
    }

    /** {@code kill -9}: {@link Process#destroyForcibly()} is SIGKILL on Linux. Returns the exit value (137). */
    int kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** A second (third, ...) life on the same data directory. */
    void restart() {
        if (process != null && process.isAlive()) {
            kill();
        }
        start();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    Path dataDir() {
        return dataDir;
    }

    long pid() {
        return process.pid();
    }

    /** The last lines of every log of this service, oldest start first. */
    String logTail() {
        StringBuilder sb = new StringBuilder();
        for (Path log : logs) {
            sb.append("----- ")
                    .append(log)
                    .append(" (last ")
                    .append(LOG_TAIL_LINES)
                    .append(" lines)\n");
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                        .forEach(l -> sb.append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                sb.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return sb.toString();
    }

    /** Stops the service gracefully (SIGTERM), forcibly if that takes too long. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
