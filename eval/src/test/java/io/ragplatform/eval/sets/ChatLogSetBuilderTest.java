package io.ragplatform.eval.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ragplatform.error.RagException;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.Relevance;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatLogSetBuilderTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ChatLogSplit build(List<String> lines) throws IOException {
        return build(lines, ChatLogSetBuilder.Options.defaults());
    }

    static ChatLogSplit build(List<String> lines, ChatLogSetBuilder.Options options) throws IOException {
        return new ChatLogSetBuilder(options).build(new StringReader(String.join("\n", lines) + "\n"));
    }

    static String line(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> entry(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<EvalItem> all(ChatLogSplit split) {
        return Stream.concat(split.dev().stream(), split.test().stream()).toList();
    }

    /**
     * A log of paraphrase families: per base question, variants that differ in case, spacing, end punctuation, an
     * added or dropped or replaced word, a greeting; random citations (under all three keys), answers, timestamps
     * (ISO, epoch millis, none) and IDs. Some variants are near-duplicates of their base and some are not; the tests
     * compare against the definition rather than assume which.
     */
    static List<String> generatedLog(long seed, int bases, int maxVariants) {
        Random r = new Random(seed);
        String[] vocab = new String[400];
        String[] syllables = {"ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "pa", "do", "fe"};
        for (int i = 0; i < vocab.length; i++) {
            vocab[i] = syllables[i % 12] + syllables[(i / 12) % 12] + (i >= 144 ? syllables[(i / 144) % 12] : "");
        }
        String[] common = {"how", "do", "i", "the", "a", "my", "what", "is", "can", "to"};
        List<String> lines = new ArrayList<>();
        for (int b = 0; b < bases; b++) {
            int len = r.nextInt(10) < 2 ? 1 + r.nextInt(2) : 3 + r.nextInt(9);
            List<String> words = new ArrayList<>();
            for (int w = 0; w < len; w++) {
                words.add(r.nextInt(3) == 0 ? common[r.nextInt(common.length)] : vocab[r.nextInt(vocab.length)]);
            }
            int variants = 1 + r.nextInt(maxVariants);
            for (int v = 0; v < variants; v++) {
                List<String> vw = new ArrayList<>(words);
                String query;
                switch (r.nextInt(7)) {
                    case 0 -> query = String.join(" ", vw);
                    case 1 -> query = String.join("  ", vw).toUpperCase() + "?";
                    case 2 -> {
                        vw.add(r.nextInt(vw.size() + 1), vocab[r.nextInt(vocab.length)]);
                        query = String.join(" ", vw);
                    }
                    case 3 -> {
                        if (vw.size() > 1) {
                            vw.remove(r.nextInt(vw.size()));
                        }
                        query = String.join(" ", vw) + ".";
                    }
                    case 4 -> {
                        vw.set(r.nextInt(vw.size()), vocab[r.nextInt(vocab.length)]);
                        query = String.join(" ", vw);
                    }
                    case 5 -> query = "Hi, " + String.join(" ", vw) + " please!";
                    default -> query = "  " + String.join("\t", vw) + " ";
                }
                Map<String, Object> e = entry("query", query);
                if (r.nextBoolean()) {
                    String key = List.of("cited", "citedChunkIds", "chunkIds").get(r.nextInt(3));
                    List<String> cited = new ArrayList<>();
                    for (int c = r.nextInt(3); c >= 0; c--) {
                        cited.add("c" + b + "-" + r.nextInt(4));
                    }
                    e.put(key, cited);
                }
                if (r.nextInt(3) > 0) {
                    e.put("answer", "answer " + b + "/" + r.nextInt(3));
                }
                long millis = 1_700_000_000_000L + r.nextInt(1000) * 60_000L;
                switch (r.nextInt(4)) {
                    case 0 -> e.put("timestamp", millis);
                    case 1 -> e.put("timestamp", Instant.ofEpochMilli(millis).toString());
                    case 2 -> e.put("timestamp", String.valueOf(millis));
                    default -> {}
                }
                if (r.nextInt(5) == 0) {
                    e.put("id", "log-" + b + "-" + v);
                }
                lines.add(line(e));
            }
        }
        Collections.shuffle(lines, r);
        return lines;
    }

    @Test
    void near_duplicates_never_cross_splits_and_each_cluster_gives_one_item() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            List<String> lines = generatedLog(seed, 200, 8);
            ChatLogSplit split = build(lines);

            // the definition, all pairs compared
            Map<String, Set<String>> citedByQuery = new TreeMap<>();
            for (String l : lines) {
                ChatLogEntry e = ChatLogEntry.parse(0, l);
                citedByQuery
                        .computeIfAbsent(e.normalized(), k -> new TreeSet<>())
                        .addAll(e.cited());
            }
            List<String> distinct = new ArrayList<>(citedByQuery.keySet());
            int[] label = QueryClustersTest.bruteForce(distinct, 0.8);
            Map<String, Integer> labelOf = new HashMap<>();
            Map<Integer, Set<String>> citedByCluster = new HashMap<>();
            for (int i = 0; i < distinct.size(); i++) {
                labelOf.put(distinct.get(i), label[i]);
                citedByCluster
                        .computeIfAbsent(label[i], k -> new TreeSet<>())
                        .addAll(citedByQuery.get(distinct.get(i)));
            }

            Map<Integer, Boolean> testByCluster = new HashMap<>();
            for (EvalItem item : all(split)) {
                int cluster = labelOf.get(Queries.normalize(item.query()));
                assertNull(testByCluster.put(cluster, split.test().contains(item)), "two items of cluster " + cluster);
                assertEquals(
                        citedByCluster.get(cluster).stream()
                                .map(Relevance::chunk)
                                .toList(),
                        item.relevant());
                assertNull(item.contexts());
            }
            assertEquals(
                    new TreeSet<>(citedByCluster.keySet()),
                    new TreeSet<>(testByCluster.keySet()),
                    "every cluster has an item");
            var shingled = distinct.stream().map(QueryClustersTest.Shingled::of).toList();
            for (int i = 0; i < distinct.size(); i++) {
                for (int j = i + 1; j < distinct.size(); j++) {
                    if (shingled.get(i).nearDuplicateOf(shingled.get(j), 0.8)) {
                        assertEquals(
                                testByCluster.get(label[i]),
                                testByCluster.get(label[j]),
                                distinct.get(i) + " / " + distinct.get(j));
                    }
                }
            }
            var devQueries = split.dev().stream()
                    .map(i -> QueryClustersTest.Shingled.of(Queries.normalize(i.query())))
                    .toList();
            var testQueries = split.test().stream()
                    .map(i -> QueryClustersTest.Shingled.of(Queries.normalize(i.query())))
                    .toList();
            for (var d : devQueries) {
                for (var t : testQueries) {
                    assertFalse(d.nearDuplicateOf(t, 0.8), d.tokens() + " / " + t.tokens());
                }
            }

            ChatLogSplit.Report r = split.report();
            assertEquals(lines.size(), r.linesRead());
            assertEquals(lines.size(), r.entries());
            assertEquals(lines.size() - distinct.size(), r.exactDuplicatesMerged());
            int clusters = testByCluster.size();
            assertEquals(distinct.size() - clusters, r.nearDuplicatesDropped());
            assertTrue(r.nearDuplicateClusters() > 0 && r.exactDuplicatesMerged() > 0, r.toString());
            assertEquals(clusters, r.devItems() + r.testItems());
            assertEquals(clusters, r.citedItems() + r.answerOnlyItems() + r.queryOnlyItems());
            assertTrue(r.devItems() > clusters / 4 && r.testItems() > clusters / 4, r.toString());
        }
    }

    @Test
    void a_pair_at_the_threshold_is_never_split_whatever_the_seed_and_an_unrelated_query_can_be() throws IOException {
        // 4 of 5 shingles shared: Jaccard exactly 0.8, where a signature's estimate falls short about half the time
        List<String> lines = List.of(
                line(entry("query", "how do i reset my password")),
                line(entry("query", "How do I reset my password please?")),
                line(entry("query", "when does the canteen open on sundays")));
        boolean unrelatedSplitOff = false;
        for (long seed = 0; seed < 64; seed++) {
            ChatLogSplit split =
                    build(lines, ChatLogSetBuilder.Options.defaults().withSeed(seed));
            assertEquals(2, all(split).size(), "the pair is one item");
            assertEquals(1, split.report().nearDuplicateClusters());
            boolean pairInTest = split.test().stream().anyMatch(i -> i.query().contains("password"));
            boolean canteenInTest =
                    split.test().stream().anyMatch(i -> i.query().contains("canteen"));
            unrelatedSplitOff |= pairInTest != canteenInTest;
        }
        assertTrue(unrelatedSplitOff, "an unrelated query goes its own way under some seed");
    }

    @Test
    void shuffled_input_gives_identical_items_and_split() throws IOException {
        List<String> lines = new ArrayList<>(generatedLog(7, 150, 6));
        // exact duplicates that tie on timestamp and query but differ elsewhere, and undated ones
        lines.add(line(entry("query", "Tie breaker question here", "timestamp", 1_700_000_000_000L, "answer", "b")));
        lines.add(line(entry("query", "tie breaker question here", "timestamp", 1_700_000_000_000L, "answer", "a")));
        lines.add(line(entry("query", "Tie breaker question here", "timestamp", "2023-11-14T22:13:20Z", "id", "x")));
        lines.add(line(entry("query", "undated question number one", "answer", "u2")));
        lines.add(line(entry("query", "Undated question number one", "answer", "u1")));
        lines.add(line(entry("query", "undated question number one!", "cited", List.of("k"))));
        lines.add("not json");
        ChatLogSplit expected = build(lines);
        for (long seed = 1; seed <= 5; seed++) {
            List<String> shuffled = new ArrayList<>(lines);
            Collections.shuffle(shuffled, new Random(seed));
            ChatLogSplit got = build(shuffled);
            assertEquals(expected.dev(), got.dev(), "seed " + seed);
            assertEquals(expected.test(), got.test(), "seed " + seed);
            assertEquals(withoutExamples(expected.report()), withoutExamples(got.report()));
        }
    }

    private static ChatLogSplit.Report withoutExamples(ChatLogSplit.Report r) {
        return new ChatLogSplit.Report(
                r.linesRead(),
                r.blankLines(),
                r.invalidLines(),
                List.of(),
                r.entries(),
                r.exactDuplicatesMerged(),
                r.nearDuplicateClusters(),
                r.nearDuplicatesDropped(),
                r.idConflicts(),
                r.citedItems(),
                r.answerOnlyItems(),
                r.queryOnlyItems(),
                r.devItems(),
                r.testItems());
    }

    @Test
    void invalid_lines_are_reported_with_numbers_and_valid_ones_used() throws IOException {
        List<String> lines = List.of(
                "{\"query\": \"How do I reset my password?\", \"cited\": [\"c1\"]}",
                "   ",
                "{not json",
                "[1]",
                "{\"answer\": \"x\"}",
                "{\"query\": 5}",
                "{\"query\": \"  \"}",
                "{\"query\": \"?!\"}",
                "{\"query\": \"ok query here\", \"cited\": \"c1\"}",
                "{\"query\": \"ok\", \"cited\": [1]}",
                "{\"query\": \"ok\", \"timestamp\": \"yesterday\"}",
                "{\"query\": \"ok\", \"answer\": 3}",
                "{\"query\": \"ok\", \"id\": {}}",
                "{\"query\": \"how do i reset my password\", \"citedChunkIds\": [\"c3\"], \"chunkIds\": [\"c2\", \"c1\"]}",
                "");
        ChatLogSplit split = build(lines);
        ChatLogSplit.Report r = split.report();
        assertEquals(15, r.linesRead());
        assertEquals(2, r.blankLines());
        assertEquals(11, r.invalidLines());
        assertEquals(2, r.entries());
        assertEquals(
                List.of(
                        "line 3: malformed JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start "
                                + "field name",
                        "line 4: expected a JSON object, got ARRAY",
                        "line 5: no \"query\"",
                        "line 6: \"query\" must be a string, got number",
                        "line 7: blank \"query\"",
                        "line 8: \"query\" has no letters or digits",
                        "line 9: \"cited\" must be an array of chunk IDs",
                        "line 10: \"cited\" must hold non-blank chunk ID strings, got 1",
                        "line 11: \"timestamp\" 'yesterday' is neither an ISO-8601 date-time nor epoch milliseconds",
                        "line 12: \"answer\" must be a string, got number"),
                r.invalidExamples());
        List<EvalItem> items = all(split);
        assertEquals(1, items.size());
        assertEquals(
                List.of(Relevance.chunk("c1"), Relevance.chunk("c2"), Relevance.chunk("c3")),
                items.get(0).relevant());
        assertEquals(1, r.exactDuplicatesMerged());
    }

    @Test
    void representative_is_the_earliest_and_lends_its_id_and_the_latest_answer_fills_in() throws IOException {
        List<String> lines = List.of(
                line(entry(
                        "query",
                        "How do I reset my password?",
                        "timestamp",
                        "2024-03-01T10:00:00Z",
                        "answer",
                        "late answer",
                        "cited",
                        List.of("c9"),
                        "id",
                        "late")),
                line(entry("query", "how do i reset my password", "timestamp", 1_704_067_200_000L, "id", "first-id")),
                line(entry(
                        "query",
                        "how do i reset my password please",
                        "timestamp",
                        "2024-02-01T00:00:00+01:00",
                        "answer",
                        "middle answer",
                        "cited",
                        List.of("c1"))),
                line(entry("query", "How do I reset my password", "answer", "undated answer")),
                line(entry("query", "Reset password")),
                line(entry("query", "password reset", "answer", "short answer")),
                line(entry("query", "what is the default chunk size", "timestamp", "2024-01-01T00:00")),
                line(entry("query", "which port does the service listen on", "answer", "8080")));
        ChatLogSplit split = build(lines);
        Map<String, EvalItem> byQuery = new HashMap<>();
        all(split).forEach(i -> byQuery.put(i.query(), i));
        assertEquals(4, byQuery.size(), byQuery.keySet().toString());

        EvalItem reset = byQuery.get("how do i reset my password");
        assertEquals(
                new EvalItem(
                        "first-id",
                        "how do i reset my password",
                        List.of(Relevance.chunk("c1"), Relevance.chunk("c9")),
                        "late answer",
                        null),
                reset);

        EvalItem shortOne = byQuery.get("password reset");
        assertEquals(
                new EvalItem(sha16("password reset"), "password reset", List.of(), "short answer", null), shortOne);
        assertEquals(
                EvalItem.of(sha16("what is the default chunk size"), "what is the default chunk size", List.of()),
                byQuery.get("what is the default chunk size"));

        ChatLogSplit.Report r = split.report();
        assertEquals(1, r.citedItems());
        assertEquals(2, r.answerOnlyItems());
        assertEquals(1, r.queryOnlyItems());
        assertEquals(2, r.nearDuplicateClusters());
        assertEquals(2, r.nearDuplicatesDropped());
        assertEquals(2, r.exactDuplicatesMerged());
    }

    @Test
    void a_log_id_claimed_by_two_clusters_is_replaced_by_hash_ids() throws IOException {
        ChatLogSplit split = build(List.of(
                line(entry("query", "first distinct question", "id", "dup")),
                line(entry("query", "second unrelated thing", "id", "dup")),
                line(entry("query", "third one entirely", "id", 17))));
        assertEquals(
                Stream.of("17", sha16("first distinct question"), sha16("second unrelated thing"))
                        .sorted()
                        .toList(),
                all(split).stream().map(EvalItem::id).sorted().toList());
        assertEquals(2, split.report().idConflicts());
    }

    @Test
    void fractions_zero_and_one_put_everything_on_one_side() throws IOException {
        List<String> lines = generatedLog(3, 100, 3);
        ChatLogSplit none = build(lines, ChatLogSetBuilder.Options.defaults().withTestFraction(0));
        ChatLogSplit every = build(lines, ChatLogSetBuilder.Options.defaults().withTestFraction(1));
        assertTrue(none.test().isEmpty());
        assertTrue(every.dev().isEmpty());
        assertEquals(none.dev(), every.test());

        ChatLogSplit half = build(lines);
        ChatLogSplit otherSeed =
                build(lines, ChatLogSetBuilder.Options.defaults().withSeed(7));
        assertEquals(new HashSet<>(all(half)), new HashSet<>(all(otherSeed)), "same items, other split");
        assertFalse(half.test().equals(otherSeed.test()));

        assertThrows(
                RagException.class, () -> ChatLogSetBuilder.Options.defaults().withTestFraction(1.5));
        assertThrows(
                RagException.class, () -> ChatLogSetBuilder.Options.defaults().withNearDuplicateThreshold(0));
        assertThrows(
                RagException.class, () -> ChatLogSetBuilder.Options.defaults().withTestFraction(Double.NaN));
    }

    @Test
    void reads_a_utf8_file_with_bom_and_rejects_other_encodings(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("log.jsonl");
        Files.write(
                log,
                ("\uFEFF" + line(entry("query", "Grüße aus Zürich, wie geht's?")) + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        ChatLogSplit split = new ChatLogSetBuilder().build(log);
        assertEquals("Grüße aus Zürich, wie geht's?", all(split).get(0).query());
        assertEquals(0, split.report().invalidLines());

        Path latin1 = dir.resolve("latin1.jsonl");
        Files.write(
                latin1,
                ("{\"query\": \"ok\"}\n" + line(entry("query", "Grüße"))).getBytes(StandardCharsets.ISO_8859_1));
        var e = assertThrows(RagException.class, () -> new ChatLogSetBuilder().build(latin1));
        assertEquals("latin1.jsonl line 2 is not valid UTF-8", e.getMessage());
    }

    @Test
    void builds_a_fifty_thousand_line_log() throws IOException {
        List<String> lines = generatedLog(11, 12_000, 8).subList(0, 50_000);
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        ChatLogSplit split = build(lines);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        System.out.println("ChatLogSetBuilder: " + lines.size() + " lines in " + millis + " ms (" + cpuMillis
                + " ms CPU of this thread, cold JVM): " + split.report());
        assertEquals(50_000, split.report().entries());
    }

    static String sha16(String normalized) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
