package io.ragplatform.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.ragplatform.api.it.Corpus.Upload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Crash consistency of the real service: a batch is uploaded one file at a time from a background thread and the
 * service process is killed with SIGKILL while an upload is in flight, three times at different points of the batch
 * and of the request (while the upload is extracted and embedded, while its Lucene commit is being written, and after
 * its commit is durable but before its answer), then restarted on the same data directory. After each restart:
 *
 * <ul>
 *   <li>{@code GET /v1/index/check} is consistent: no orphan chunk, no dangling reference, no duplicate, no bad vector,
 *       and its counts match the documents and the distinct chunks they reference;
 *   <li>every acknowledged upload is there exactly as acknowledged (document ID, version, content hash, chunk count);
 *   <li>the upload in flight at the kill is either absent (old state) or complete (new state, version +1, every chunk
 *       resolvable and listing the document), never partial; complete whenever its commit file was seen before the kill;
 *   <li>the index version is the last acknowledged one, plus one if the in-flight upload made it to its commit, and
 *       {@code GET /v1/index/versions} agrees.
 * </ul>
 *
 * <p>The request that was in flight is retried (complete: {@code unchanged}, nothing embedded, no commit; absent:
 * stored now) and the batch goes on. Finally the whole batch is sent
 * again: content identical to what is stored answers {@code unchanged} with nothing embedded, the index holds exactly
 * one document per sourceId and stays consistent; re-sending every source's last version commits nothing.
 */
class CrashConsistencyIT {
    /**
     * When to kill, once so many uploads of the batch are acknowledged and the next one is in flight: while it is
     * extracted and embedded (a fraction of the median upload latency into it), while its commit is being written
     * ({@code pending_segments_N} appeared in the index directory), or after its commit is durable but before its
     * answer ({@code segments_N} appeared).
     */
    private static final List<KillPoint> KILLS = List.of(
            new KillPoint(5, Trigger.TIMED, 0.3),
            new KillPoint(13, Trigger.COMMIT_WRITING, 0),
            new KillPoint(21, Trigger.COMMIT_DURABLE, 0));

    private enum Trigger {
        TIMED(null),
        COMMIT_WRITING("pending_segments_"),
        COMMIT_DURABLE("segments_");

        final String filePrefix;

        Trigger(String filePrefix) {
            this.filePrefix = filePrefix;
        }
    }

    private record KillPoint(int afterAcknowledged, Trigger trigger, double intoRequest) {}

    /** What the client was told is stored for a sourceId. */
    private record Stored(int index, String documentId, int version, String contentHash, int chunks) {}

    /** One kill: how far the batch had got. */
    private record Kill(
            int acknowledged,
            Integer inFlight,
            long msIntoRequest,
            int exitValue,
            String hit,
            long medianMs,
            boolean commitFileOfInFlight) {}

    private final List<Upload> batch = Corpus.batch();
    private final Map<String, Stored> stored = new HashMap<>();
    private long lastIndexVersion;
    /** Chunks referenced by two documents or more, at the last verification. */
    private int sharedChunks;

    private final List<String> summary = new ArrayList<>();

    @Test
    void killed_mid_batch_the_index_restarts_consistent_and_the_resent_batch_adds_no_duplicates() {
        long t0 = System.nanoTime();
        try (ServiceProcess service = ServiceProcess.startFresh("crash-it")) {
            RagClient client = new RagClient(service);
            try {
                scenario(service, client);
            } catch (Throwable t) {
                System.out.println(service.logTail());
                throw t;
            } finally {
                summary.forEach(s -> System.out.println("[crash-it] " + s));
                System.out.printf("[crash-it] scenario took %d s%n", (System.nanoTime() - t0) / 1_000_000_000);
            }
        }
    }

    private void scenario(ServiceProcess service, RagClient client) {
        JsonNode empty = client.check();
        assertEquals(0, empty.path("documents").asInt(), "a fresh data directory: " + empty);
        int next = 0;
        for (int k = 0; k < KILLS.size(); k++) {
            KillPoint point = KILLS.get(k);
            Kill kill = uploadUntilKilled(service, client, next, point);
            Upload inFlight = kill.inFlight() == null ? null : batch.get(kill.inFlight());
            summary.add(String.format(
                    "kill %d: %d of %d uploads acknowledged, in flight: %s, killed %d ms into it (median upload %d ms)"
                            + " on %s, exit %d",
                    k + 1,
                    kill.acknowledged(),
                    batch.size(),
                    inFlight == null ? "none" : inFlight,
                    kill.msIntoRequest(),
                    kill.medianMs(),
                    kill.hit(),
                    kill.exitValue()));
            service.restart();
            String label = "after kill " + (k + 1) + " (" + kill.hit() + ")";
            boolean committed = verifyRecovered(client, inFlight, label);
            summary.add(String.format(
                    "  after restart %d: consistent, %s, index version %d",
                    k + 1,
                    inFlight == null
                            ? "nothing was in flight"
                            : committed ? "in-flight upload complete" : "in-flight upload absent",
                    lastIndexVersion));
            if (point.trigger() == Trigger.COMMIT_DURABLE && kill.commitFileOfInFlight()) {
                assertTrue(
                        committed,
                        label + ": the in-flight upload's commit was durable before the kill, so it must be there");
            }
            // a client retries what was in flight (complete: unchanged, nothing embedded; absent: stored now), then
            // goes on
            next = kill.acknowledged();
            if (inFlight != null) {
                JsonNode retry = client.uploadOk(inFlight.fileName(), inFlight.bytes(), inFlight.sourceId());
                assertEquals(List.of(), acknowledge(inFlight, retry), label + ": retrying the in-flight upload");
                summary.add(String.format(
                        "  retry of %s: %s, embedded %d, index version %d",
                        inFlight,
                        retry.path("status").asText(),
                        retry.path("embedded").asInt(),
                        retry.path("indexVersion").asLong()));
                next = inFlight.index() + 1;
            }
        }

        // the whole batch again, from the start
        Map<String, Integer> statuses = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Upload u : batch) {
            JsonNode r = client.uploadOk(u.fileName(), u.bytes(), u.sourceId());
            problems.addAll(acknowledge(u, r));
            statuses.merge(r.path("status").asText(), 1, Integer::sum);
        }
        assertEquals(List.of(), problems, "re-sending the batch");
        verifyRecovered(client, null, "after re-sending the batch");
        JsonNode check = client.check();
        assertEquals(
                Corpus.distinctSources(batch), check.path("documents").asInt(), "one document per sourceId: " + check);
        assertEquals(Corpus.distinctSources(batch), stored.size());
        summary.add("re-sent batch: " + statuses + ", index version " + lastIndexVersion + ", " + sharedChunks
                + " chunks shared between documents");

        // and the final state once more: every upload unchanged, nothing embedded, nothing committed
        long before = lastIndexVersion;
        Map<String, Upload> last = new LinkedHashMap<>();
        batch.forEach(u -> last.put(u.sourceId(), u));
        for (Upload u : last.values()) {
            JsonNode r = client.uploadOk(u.fileName(), u.bytes(), u.sourceId());
            assertEquals("unchanged", r.path("status").asText(), u + ": " + r);
            assertEquals(0, r.path("embedded").asInt(), u + ": " + r);
            problems.addAll(acknowledge(u, r));
        }
        assertEquals(List.of(), problems, "re-sending the last version of every source");
        assertEquals(before, lastIndexVersion, "unchanged uploads commit nothing");
        JsonNode finalCheck = client.check();
        assertConsistent(finalCheck, "at the end");
        summary.add("final check: " + finalCheck);
    }

    /**
     * Uploads {@code batch[from..]} one at a time on a background thread; once {@code point.afterAcknowledged()}
     * uploads of the batch are acknowledged and the next one has been sent, kills the service at the point's trigger.
     */
    private Kill uploadUntilKilled(ServiceProcess service, RagClient client, int from, KillPoint point) {
        int killAfter = point.afterAcknowledged();
        AtomicInteger acknowledged = new AtomicInteger(from);
        AtomicInteger inFlight = new AtomicInteger(-1);
        long[] sentAt = new long[batch.size()];
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        int[] failedAt = {-1};
        try (WatchService watch = service.dataDir().getFileSystem().newWatchService()) {
            Thread uploader = new Thread(
                    () -> {
                        for (int i = from; i < batch.size(); i++) {
                            Upload u = batch.get(i);
                            sentAt[i] = System.nanoTime();
                            inFlight.set(i);
                            RagClient.Answer a;
                            try {
                                a = client.upload(u.fileName(), u.bytes(), u.sourceId());
                            } catch (IOException | InterruptedException e) {
                                failedAt[0] = i; // the service went away under this request
                                return;
                            }
                            if (a.status() != 200) {
                                problems.add(u + " answered " + a.status() + ": " + a.body());
                                failedAt[0] = i;
                                return;
                            }
                            latencies.add((System.nanoTime() - sentAt[i]) / 1_000_000);
                            problems.addAll(acknowledge(u, a.body()));
                            acknowledged.set(i + 1);
                        }
                    },
                    "crash-it-uploader");
            uploader.setDaemon(true);
            uploader.start();

            long deadline = System.nanoTime() + 120_000_000_000L;
            while (acknowledged.get() < killAfter || inFlight.get() < killAfter) {
                if (!uploader.isAlive()) {
                    fail("the uploader stopped before upload " + killAfter + " (failed at " + failedAt[0] + "): "
                            + problems + "\n" + service.logTail());
                }
                if (System.nanoTime() > deadline) {
                    fail("upload " + killAfter + " not reached in 120 s\n" + service.logTail());
                }
                ServiceProcess.sleep(1);
            }
            List<Long> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies);
            }
            Collections.sort(sorted);
            long median = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
            String hit;
            boolean commitFile = false;
            if (point.trigger() == Trigger.TIMED) {
                long waitMs = Math.round(median * point.intoRequest());
                ServiceProcess.sleep(waitMs);
                hit = "a timer " + waitMs + " ms after the request started";
            } else {
                // the next commit is at least an extraction and an embedding away: time enough to start watching
                List<Path> indexDirs = luceneDirectories(service.dataDir());
                for (Path dir : indexDirs) {
                    dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
                }
                hit = awaitCommitFile(watch, indexDirs, point.trigger().filePrefix, uploader);
                if (hit == null) {
                    assertTrue(
                            uploader.isAlive(),
                            "the batch ended before a " + point.trigger().filePrefix + "N file appeared in " + indexDirs
                                    + ": " + problems);
                    hit = "30 s without a " + point.trigger().filePrefix + "N file";
                } else {
                    commitFile = true;
                }
            }
            long triggeredAt = System.nanoTime();
            int target = inFlight.get();
            long killedAt = System.nanoTime();
            int exit = service.kill();
            try {
                uploader.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            assertTrue(!uploader.isAlive(), "the uploader did not notice the kill");
            assertEquals(List.of(), problems, "uploads before the kill");
            Integer pending = failedAt[0] >= 0 ? failedAt[0] : null;
            boolean killedTarget = pending != null && pending == target;
            long ms = killedTarget ? (killedAt - sentAt[target]) / 1_000_000 : -1;
            // the commit file seen was the in-flight upload's when that upload had been sent before it appeared
            boolean commitFileOfInFlight =
                    commitFile && killedTarget && acknowledged.get() == target && sentAt[target] < triggeredAt;
            return new Kill(acknowledged.get(), pending, ms, exit, hit, median, commitFileOfInFlight);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Lucene directories under the data directory: those holding a {@code segments_N} commit file. */
    private static List<Path> luceneDirectories(Path dataDir) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dataDir, 4)) {
            all.filter(p -> p.getFileName().toString().startsWith("segments_"))
                    .map(Path::getParent)
                    .distinct()
                    .forEach(dirs::add);
        }
        assertTrue(!dirs.isEmpty(), "no Lucene commit (segments_N) under " + dataDir);
        return dirs;
    }

    private static long generation(String fileName, String prefix) {
        try {
            return Long.parseLong(fileName.substring(prefix.length()), Character.MAX_RADIX);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Waits until one of the Lucene directories gets a commit file ({@code prefix} + a generation newer than its
     * current {@code segments_N}) and returns what appeared; {@code null} after 30 s or once the uploader stopped.
     */
    private static String awaitCommitFile(WatchService watch, List<Path> dirs, String prefix, Thread uploader)
            throws IOException {
        Map<Path, Long> generations = new HashMap<>();
        for (Path dir : dirs) {
            long generation = -1;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (name.startsWith("segments_")) {
                        generation = Math.max(generation, generation(name, "segments_"));
                    }
                }
            }
            generations.put(dir, generation);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && uploader.isAlive()) {
            WatchKey key;
            try {
                key = watch.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (key == null) {
                continue;
            }
            long current = generations.getOrDefault((Path) key.watchable(), -1L);
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path p) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(prefix) && generation(name, prefix) > current) {
                        return name + " appearing";
                    }
                }
            }
            key.reset();
        }
        return null;
    }

    /**
     * Checks an acknowledged upload against what the client knows is stored and records the new state. Runs on the
     * uploader thread while it runs; the main thread reads {@link #stored} only after joining it.
     */
    private List<String> acknowledge(Upload u, JsonNode r) {
        List<String> problems = new ArrayList<>();
        Stored before = stored.get(u.sourceId());
        String expected =
                before == null ? "created" : batch.get(before.index()).sameContent(u) ? "unchanged" : "updated";
        int version = before == null ? 1 : expected.equals("unchanged") ? before.version() : before.version() + 1;
        long indexVersion = expected.equals("unchanged") ? lastIndexVersion : lastIndexVersion + 1;
        String status = r.path("status").asText();
        if (!expected.equals(status)
                || r.path("version").asInt() != version
                || r.path("indexVersion").asLong() != indexVersion
                || !u.sourceId().equals(r.path("sourceId").asText())) {
            problems.add(u + ": expected " + expected + " version " + version + " at index version " + indexVersion
                    + " (stored: " + before + "), got " + r);
        }
        if (before != null && !before.documentId().equals(r.path("documentId").asText())) {
            problems.add(u + ": document ID changed from " + before.documentId() + ": " + r);
        }
        if (expected.equals("unchanged")
                && (r.path("embedded").asInt() != 0
                        || !before.contentHash().equals(r.path("contentHash").asText())
                        || before.chunks() != r.path("chunks").path("total").asInt())) {
            problems.add(u + ": identical content must be unchanged with nothing embedded and the stored hash " + before
                    + ": " + r);
        }
        stored.put(
                u.sourceId(),
                new Stored(
                        u.index(),
                        r.path("documentId").asText(),
                        r.path("version").asInt(),
                        r.path("contentHash").asText(),
                        r.path("chunks").path("total").asInt()));
        lastIndexVersion = r.path("indexVersion").asLong();
        return problems;
    }

    /**
     * After a restart: the index is consistent, every acknowledged state is there as acknowledged, the in-flight upload
     * (if any) is absent or complete. Records a complete in-flight upload as stored; returns whether there was one.
     */
    private boolean verifyRecovered(RagClient client, Upload inFlight, String label) {
        JsonNode check = client.check();
        assertConsistent(check, label);
        boolean committed = false;
        int present = 0;
        Set<String> referenced = new HashSet<>();
        Map<String, Set<String>> docsOfChunk = new HashMap<>();
        for (String sourceId :
                new LinkedHashSet<>(batch.stream().map(Upload::sourceId).toList())) {
            Stored known = stored.get(sourceId);
            RagClient.Answer a = client.documentsOf(sourceId);
            if (a.status() == 404) {
                assertTrue(
                        known == null,
                        label + ": the acknowledged " + sourceId + " " + known + " is gone: " + a.body());
                continue;
            }
            JsonNode docs = a.ok().path("documents");
            assertEquals(1, docs.size(), label + ": one document per sourceId: " + a.body());
            JsonNode d = docs.get(0);
            assertEquals("", d.path("path").asText(), label + ": the file's own document: " + d);
            assertEquals(sourceId, d.path("sourceId").asText());
            present++;
            String documentId = d.path("documentId").asText();
            JsonNode chunks = d.path("chunks");
            assertTrue(chunks.size() > 0, label + ": a stored document has chunks: " + d);
            for (JsonNode ref : chunks) {
                String chunkId = ref.path("chunkId").asText();
                referenced.add(chunkId);
                docsOfChunk.computeIfAbsent(chunkId, x -> new HashSet<>()).add(documentId);
                RagClient.Answer c = client.chunk(chunkId);
                assertEquals(
                        200,
                        c.status(),
                        label + ": " + sourceId + " points at a missing chunk " + chunkId + ": " + c.body());
                boolean found = false;
                for (JsonNode o : c.body().path("occurrences")) {
                    found |= documentId.equals(o.path("documentId").asText())
                            && o.path("charStart").asInt()
                                    == ref.path("charStart").asInt();
                }
                assertTrue(
                        found,
                        label + ": chunk " + chunkId + " does not list its occurrence in " + documentId + ": "
                                + c.body());
            }
            int version = d.path("version").asInt();
            String hash = d.path("contentHash").asText();
            if (known != null && known.contentHash().equals(hash) && known.version() == version) {
                assertEquals(known.documentId(), documentId, label + ": " + sourceId);
                assertEquals(
                        known.chunks(),
                        chunks.size(),
                        label + ": " + sourceId + " has other chunks than acknowledged: " + d);
                continue;
            }
            // a state no acknowledged upload produced: only the request in flight at the kill may have made it
            assertTrue(
                    inFlight != null && inFlight.sourceId().equals(sourceId),
                    label + ": " + sourceId + " is in a state no " + "acknowledged upload produced (acknowledged: "
                            + known + ", in flight: " + inFlight + "): " + d);
            assertEquals(
                    known == null ? 1 : known.version() + 1, version, label + ": the in-flight upload's version: " + d);
            if (known != null) {
                assertEquals(known.documentId(), documentId, label + ": " + sourceId);
            }
            stored.put(sourceId, new Stored(inFlight.index(), documentId, version, hash, chunks.size()));
            committed = true;
        }
        assertEquals(present, check.path("documents").asInt(), label + ": documents in the check: " + check);
        assertEquals(
                referenced.size(),
                check.path("chunks").asInt(),
                label + ": chunk entries = distinct referenced chunks: " + check);
        long current = check.path("indexVersion").asLong();
        assertEquals(
                lastIndexVersion + (committed ? 1 : 0),
                current,
                label + ": acknowledged commits survive, the in-flight upload " + "adds at most one: " + check);
        JsonNode versions = client.versions();
        assertEquals(current, versions.path("current").asLong(), label + ": " + versions);
        JsonNode newest = versions.path("versions").path(0);
        assertEquals(current, newest.path("version").asLong(), label + ": newest retained version: " + versions);
        assertEquals(present, newest.path("documents").asInt(), label + ": the newest version's manifest: " + newest);
        assertEquals(
                referenced.size(), newest.path("chunks").asInt(), label + ": the newest version's manifest: " + newest);
        lastIndexVersion = current;
        sharedChunks = (int)
                docsOfChunk.values().stream().filter(docs -> docs.size() >= 2).count();
        if (present >= 10) {
            assertTrue(sharedChunks > 0, label + ": the batch is meant to share chunks between documents");
        }
        return committed;
    }

    private static void assertConsistent(JsonNode check, String label) {
        assertTrue(check.path("consistent").asBoolean(false), label + ": GET /v1/index/check: " + check);
        for (String list : List.of("orphans", "danglingReferences", "duplicates", "badVectors")) {
            assertEquals(List.of(), RagClient.texts(check.path(list)), label + ": " + list + " in " + check);
        }
    }
}
