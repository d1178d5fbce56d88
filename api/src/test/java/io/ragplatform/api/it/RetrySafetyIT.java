package io.ragplatform.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Retrying a request is safe: the same upload sent several times at once, then again one after the other, is one
 * document with one version, embeds its chunks once and keeps the index consistent; so is a concurrent retry of an
 * update, and the same new text sent at once under two sourceIds.
 */
class RetrySafetyIT {
    private static final int PARALLEL = 4;

    @Test
    void the_same_upload_sent_concurrently_and_sequentially_is_one_document() throws Exception {
        try (ServiceProcess service = ServiceProcess.startFresh("retry-it")) {
            RagClient client = new RagClient(service);
            try {
                scenario(client);
            } catch (Throwable t) {
                System.out.println(service.logTail());
                throw t;
            }
        }
    }

    /**
     * Sends one upload {@link #PARALLEL} times at once: one answer has {@code status}, the others are unchanged, and all
     * name the same document, version and content hash.
     */
    private static List<JsonNode> retriedAtOnce(RagClient client, Send send, String status, String what)
            throws Exception {
        List<JsonNode> answers = concurrently(client, List.of(send), PARALLEL);
        assertEquals(
                Map.of(status, 1, "unchanged", PARALLEL - 1),
                statuses(answers),
                "concurrent identical " + what + ": " + answers);
        assertSame(answers, "documentId", "version", "contentHash");
        return answers;
    }

    private void scenario(RagClient client) throws Exception {
        String sourceId = "retry-it/handbook";
        byte[] v1 = Corpus.text(50, 1, true).getBytes(StandardCharsets.UTF_8);

        // the same upload PARALLEL times at once: one creates, the others find it unchanged
        List<JsonNode> first = retriedAtOnce(client, new Send("handbook.md", v1, sourceId), "created", "uploads");
        assertEquals(1, first.get(0).path("version").asInt());
        long created = first.stream()
                .mapToLong(r -> r.path("indexVersion").asLong())
                .max()
                .orElseThrow();
        assertEquals(1, created, "one commit for " + PARALLEL + " identical uploads: " + first);
        for (JsonNode r : first) {
            if (r.path("status").asText().equals("unchanged")) {
                assertEquals(0, r.path("embedded").asInt(), "an unchanged answer reports nothing embedded: " + r);
            } else {
                assertTrue(r.path("embedded").asInt() > 0, "new text is embedded: " + r);
            }
        }

        // then again, one after the other
        for (int i = 0; i < 2; i++) {
            JsonNode again = client.uploadOk("handbook.md", v1, sourceId);
            assertEquals("unchanged", again.path("status").asText(), again.toString());
            assertEquals(0, again.path("embedded").asInt(), again.toString());
            assertEquals(created, again.path("indexVersion").asLong(), "an unchanged upload commits nothing: " + again);
            assertEquals(
                    first.get(0).path("contentHash").asText(),
                    again.path("contentHash").asText());
        }
        assertOneDocument(client, sourceId, 1);
        assertConsistent(client, 1);

        // a retried update: one updates to version 2, the others find version 2 unchanged
        byte[] v2 = Corpus.text(50, 2, true).getBytes(StandardCharsets.UTF_8);
        List<JsonNode> update = retriedAtOnce(client, new Send("handbook.md", v2, sourceId), "updated", "updates");
        assertEquals(2, update.get(0).path("version").asInt(), update.toString());
        JsonNode seq = client.uploadOk("handbook.md", v2, sourceId);
        assertEquals("unchanged", seq.path("status").asText(), seq.toString());
        assertEquals(2, seq.path("version").asInt(), seq.toString());
        assertEquals(2, seq.path("indexVersion").asLong(), "one commit per distinct content: " + seq);
        assertOneDocument(client, sourceId, 2);
        assertConsistent(client, 1);

        // the same new text under two sourceIds, each sent twice, all at once: two documents sharing every chunk
        byte[] shared = Corpus.text(51, 1, false).getBytes(StandardCharsets.UTF_8);
        List<JsonNode> pair = concurrently(
                client,
                List.of(
                        new Send("copy-a.txt", shared, "retry-it/copy-a"),
                        new Send("copy-b.txt", shared, "retry-it/copy-b")),
                2);
        Map<String, Integer> perSource = new TreeMap<>();
        for (JsonNode r : pair) {
            if (r.path("status").asText().equals("created")) {
                perSource.merge(r.path("sourceId").asText(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of("retry-it/copy-a", 1, "retry-it/copy-b", 1), perSource, "one creation per source: " + pair);
        JsonNode a = assertOneDocument(client, "retry-it/copy-a", 1);
        JsonNode b = assertOneDocument(client, "retry-it/copy-b", 1);
        assertEquals(chunkIds(a), chunkIds(b), "same text, same chunks");
        for (String chunkId : chunkIds(a)) {
            JsonNode c = client.chunk(chunkId).ok();
            Set<String> sources = new HashSet<>();
            c.path("occurrences").forEach(o -> sources.add(o.path("sourceId").asText()));
            assertTrue(
                    sources.containsAll(Set.of("retry-it/copy-a", "retry-it/copy-b")),
                    "a shared chunk lists both: " + c);
        }
        assertConsistent(client, 3);
    }

    private record Send(String fileName, byte[] bytes, String sourceId) {}

    /** Sends each of {@code sends} {@code times} times, all released at once; every answer must be 200. */
    private static List<JsonNode> concurrently(RagClient client, List<Send> sends, int times) throws Exception {
        int n = sends.size() * times;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<JsonNode>> futures = new ArrayList<>();
            for (int t = 0; t < times; t++) {
                for (Send s : sends) {
                    futures.add(pool.submit(() -> {
                        go.await();
                        return client.uploadOk(s.fileName(), s.bytes(), s.sourceId());
                    }));
                }
            }
            go.countDown();
            List<JsonNode> out = new ArrayList<>();
            for (Future<JsonNode> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Integer> statuses(List<JsonNode> answers) {
        Map<String, Integer> out = new TreeMap<>();
        answers.forEach(r -> out.merge(r.path("status").asText(), 1, Integer::sum));
        return out;
    }

    private static void assertSame(List<JsonNode> answers, String... fields) {
        for (String f : fields) {
            Set<String> values = new HashSet<>();
            answers.forEach(r -> values.add(r.path(f).asText()));
            assertEquals(1, values.size(), f + " differs between answers: " + answers);
        }
    }

    private static JsonNode assertOneDocument(RagClient client, String sourceId, int version) {
        JsonNode docs = client.documentsOf(sourceId).ok().path("documents");
        assertEquals(1, docs.size(), sourceId + ": " + docs);
        assertEquals(version, docs.get(0).path("version").asInt(), docs.toString());
        for (String chunkId : chunkIds(docs.get(0))) {
            assertEquals(200, client.chunk(chunkId).status(), sourceId + " points at a missing chunk " + chunkId);
        }
        return docs.get(0);
    }

    private static List<String> chunkIds(JsonNode doc) {
        List<String> ids = new ArrayList<>();
        doc.path("chunks").forEach(c -> ids.add(c.path("chunkId").asText()));
        return ids;
    }

    private static void assertConsistent(RagClient client, int documents) {
        JsonNode check = client.check();
        assertTrue(check.path("consistent").asBoolean(false), "GET /v1/index/check: " + check);
        for (String list : List.of("orphans", "danglingReferences", "duplicates", "badVectors")) {
            assertEquals(List.of(), RagClient.texts(check.path(list)), list + " in " + check);
        }
        assertEquals(documents, check.path("documents").asInt(), "documents: " + check);
    }
}
