package io.ragplatform.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A running service under load: {@code --searchers} clients search without pause while one client uploads, for
 * {@code --seconds}; prints errors and latency percentiles. Every upload is a new document: text files get a line
 * naming the run and the copy, so that their last chunk is new and embedded, as in a growing corpus.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.ragplatform.bench.LoadBench http://127.0.0.1:8080 DIR
 * [--seconds=60] [--searchers=4] [--key=API_KEY]}: DIR holds the files to upload (their first lines are the queries).
 */
public final class LoadBench {
    private LoadBench() {}

    /** What one kind of client saw. */
    record Tally(String name, List<Long> nanos, int errors, List<String> firstErrors) {
        String line() {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return String.format(
                    Locale.ROOT,
                    "%-8s %6d requests, %d errors; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%s",
                    name,
                    sorted.length + errors,
                    errors,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.95),
                    percentile(sorted, 0.99),
                    firstErrors.isEmpty() ? "" : "; first errors: " + firstErrors);
        }
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LoadBench BASE_URL DIR [--seconds=60] [--searchers=4] [--key=API_KEY]");
            System.exit(2);
        }
        URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        Path dir = Path.of(args[1]);
        int seconds = intOption(args, "--seconds=", 60);
        int searchers = intOption(args, "--searchers=", 4);
        String key = Arrays.stream(args)
                .filter(a -> a.startsWith("--key="))
                .map(a -> a.substring("--key=".length()))
                .findFirst()
                .orElse(null);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files in " + dir);
        }
        List<String> queries = new ArrayList<>();
        for (Path f : files) {
            firstLine(f).ifPresent(queries::add);
        }
        if (queries.isEmpty()) {
            queries.add("policy");
        }
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Long> searchNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> uploadNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> searchErrors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> uploadErrors = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < searchers; t++) {
            int offset = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = offset; System.nanoTime() < end; i += searchers) {
                    String q = URLEncoder.encode(queries.get(i % queries.size()), StandardCharsets.UTF_8);
                    HttpRequest request = request(base.resolve("v1/search?k=10&q=" + q), key)
                            .GET()
                            .build();
                    call(http, request, searchNanos, searchErrors);
                }
            }));
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        threads.add(Thread.ofPlatform().start(() -> {
            while (System.nanoTime() < end) {
                int n = next.getAndIncrement();
                Path f = files.get(n % files.size());
                try {
                    HttpRequest request =
                            upload(base, key, f, "load-" + run + "/" + n + "/" + f.getFileName(), run + " " + n);
                    call(http, request, uploadNanos, uploadErrors);
                } catch (IOException e) {
                    uploadErrors.add(e.toString());
                }
            }
        }));
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf(
                Locale.ROOT,
                "%d s, %d searching clients and 1 uploading client against %s (%d files, %d queries)%n",
                seconds,
                searchers,
                base,
                files.size(),
                queries.size());
        System.out.println(tally("search", searchNanos, searchErrors).line());
        System.out.println(tally("upload", uploadNanos, uploadErrors).line());
    }

    private static Tally tally(String name, ConcurrentLinkedQueue<Long> nanos, ConcurrentLinkedQueue<String> errors) {
        return new Tally(
                name,
                List.copyOf(nanos),
                errors.size(),
                errors.stream().distinct().limit(3).toList());
    }

    private static void call(
            HttpClient http,
            HttpRequest request,
            ConcurrentLinkedQueue<Long> nanos,
            ConcurrentLinkedQueue<String> errors) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                nanos.add(System.nanoTime() - start);
            } else {
                String body = r.body();
                errors.add(r.statusCode() + " " + body.substring(0, Math.min(120, body.length())));
            }
        } catch (IOException e) {
            errors.add(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.add("interrupted");
        }
    }

    private static HttpRequest.Builder request(URI uri, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120));
        return key == null ? b : b.header("X-API-Key", key);
    }

    /** A multipart upload of {@code file} as {@code sourceId}; a text file gets a line naming {@code copy}. */
    private static HttpRequest upload(URI base, String key, Path file, String sourceId, String copy)
            throws IOException {
        byte[] content = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        if (name.endsWith(".txt") || name.endsWith(".md")) {
            content = (new String(content, StandardCharsets.UTF_8) + "\n\nCopy " + copy + " of the load test.\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
        String boundary = "rag-load-" + copy.replace(' ', '-');
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"sourceId\"\r\n\r\n" + sourceId
                        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return request(base.resolve("v1/documents"), key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail)))
                .build();
    }

    private static java.util.Optional<String> firstLine(Path f) {
        String name = f.getFileName().toString();
        if (!(name.endsWith(".txt") || name.endsWith(".md"))) {
            return java.util.Optional.empty();
        }
        try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
            return lines.map(l -> l.replaceAll("^#+\\s*", "").strip())
                    .filter(l -> l.length() > 3)
                    .findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            return java.util.Optional.empty();
        }
    }

    private static int intOption(String[] args, String prefix, int fallback) {
        return Arrays.stream(args)
                .filter(a -> a.startsWith(prefix))
                .map(a -> Integer.parseInt(a.substring(prefix.length())))
                .findFirst()
                .orElse(fallback);
    }
}
