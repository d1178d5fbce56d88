package io.ragplatform.eval.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.RagException;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.Relevance;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirArchiveTest {
    @TempDir
    Path dir;

    static final String CORPUS = """
            {"_id": "d1", "title": "Zürich", "text": "Naïve café in 東京.", "metadata": {"url": "x"}}

            {"_id": "d2", "title": "", "text": "Only text."}
            {"_id": "d3", "text": "No title key."}
            {"_id": 4, "title": "Numeric id", "text": null}
            """;
    static final String QUERIES = """
            {"_id": "q2", "text": "second query", "metadata": {}}
            {"_id": "q1", "text": "first query"}
            {"_id": "q3", "text": "unjudged query"}
            {"_id": "q5", "text": "  "}
            """;
    static final String TEST_QRELS = "query-id\tcorpus-id\tscore\n"
            + "q2\td3\t1\n"
            + "q1\td2\t0\n"
            + "q1\td1\t2\n"
            + "\n"
            + "q2\td1\t1\n"
            + "q9\td1\t1\n"
            + "q1\tgone\t1\n"
            + "q2\td3\t2\n"
            + "q5\td2\t1\n";

    Path zip(String name, Map<String, String> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                if (!e.getKey().endsWith("/")) {
                    z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                }
                z.closeEntry();
            }
        }
        return zip;
    }

    Path zipBytes(String name, Map<String, byte[]> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return zip;
    }

    Path standard(String prefix) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(prefix + "corpus.jsonl", CORPUS);
        entries.put(prefix + "queries.jsonl", QUERIES);
        entries.put(prefix + "qrels/test.tsv", TEST_QRELS);
        entries.put(prefix + "qrels/train.tsv", "query-id\tcorpus-id\tscore\nq3\td2\t1\n");
        return zip("beir.zip", entries);
    }

    @Test
    void reads_the_test_split_by_default_with_sorted_items_and_a_report() throws IOException {
        try (BeirArchive beir = BeirArchive.open(standard(""))) {
            assertEquals(List.of("test", "train"), beir.splits());
            assertEquals("", beir.folder());
            BeirSet set = beir.read(null);

            assertEquals("test", set.split());
            assertEquals(
                    List.of(
                            EvalItem.of(
                                    "q1",
                                    "first query",
                                    List.of(
                                            Relevance.source("d1", 2),
                                            Relevance.source("d2", 0),
                                            Relevance.source("gone", 1))),
                            EvalItem.of(
                                    "q2",
                                    "second query",
                                    List.of(Relevance.source("d1", 1), Relevance.source("d3", 2)))),
                    set.items());
            // 4 queries, 8 qrels rows of 4 judged queries giving 2 items (0 without a positive), 1 duplicate judgment,
            // 1 missing query (q9), 1 blank one (q5), 4 corpus documents, 1 row naming an unknown document (gone)
            assertEquals(
                    new BeirSet.Report(4, 8, 4, 2, 0, 1, 1, List.of("q9"), 1, List.of("q5"), 4, 1, List.of("gone")),
                    set.report());
            assertEquals(4, beir.corpusSize());

            BeirSet train = beir.read("train");
            assertEquals(
                    List.of(EvalItem.of("q3", "unjudged query", List.of(Relevance.source("d2", 1)))), train.items());
        }
    }

    @Test
    void streams_the_corpus_as_documents_with_plain_text() throws IOException {
        try (BeirArchive beir = BeirArchive.open(standard(""));
                Stream<BeirDocument> docs = beir.corpus()) {
            List<BeirDocument> all = docs.toList();
            assertEquals(
                    List.of(
                            new BeirDocument("d1", "Zürich", "Naïve café in 東京."),
                            new BeirDocument("d2", "", "Only text."),
                            new BeirDocument("d3", "", "No title key."),
                            new BeirDocument("4", "Numeric id", "")),
                    all);
            assertEquals("Zürich\n\nNaïve café in 東京.", all.get(0).asText());
            assertEquals("Only text.", all.get(1).asText());
            assertEquals("Numeric id", all.get(3).asText());
        }
    }

    @Test
    void finds_files_inside_one_top_level_folder_and_ignores_macos_debris() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("scifact/", "");
        entries.put("scifact/corpus.jsonl", CORPUS);
        entries.put("scifact/queries.jsonl", QUERIES);
        entries.put("scifact/qrels/dev.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
        entries.put("scifact/.DS_Store", "junk");
        entries.put("scifact/qrels/._dev.tsv", "junk");
        entries.put("__MACOSX/scifact/._corpus.jsonl", "junk");
        entries.put("__MACOSX/scifact/qrels/._test.tsv", "junk");
        entries.put("../qrels/test.tsv", "evil");
        try (BeirArchive beir = BeirArchive.open(zip("scifact.zip", entries))) {
            assertEquals("scifact/", beir.folder());
            assertEquals(List.of("dev"), beir.splits());
            assertEquals("dev", beir.split(null));
            BeirSet set = beir.read(null);
            assertEquals(List.of(EvalItem.of("q1", "first query", List.of(Relevance.source("d1", 1)))), set.items());
        }
    }

    @Test
    void split_choice_errors_name_the_splits_present() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("corpus.jsonl", CORPUS);
        entries.put("queries.jsonl", QUERIES);
        entries.put("qrels/train.tsv", "q1\td1\t1\n");
        entries.put("qrels/dev.tsv", "q1\td1\t1\n");
        try (BeirArchive beir = BeirArchive.open(zip("two.zip", entries))) {
            var none = assertThrows(RagException.class, () -> beir.split(null));
            assertTrue(none.getMessage().contains("dev, train"), none.getMessage());
            var missing = assertThrows(RagException.class, () -> beir.read("test"));
            assertTrue(missing.getMessage().contains("no split 'test'"), missing.getMessage());
            assertTrue(missing.getMessage().contains("dev, train"), missing.getMessage());
            // no header line: the first row is data
            assertEquals(1, beir.read("dev").report().qrelsRows());
        }
    }

    @Test
    void missing_files_are_named_with_what_the_zip_holds() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("data/queries.jsonl", QUERIES);
        entries.put("data/readme.txt", "hi");
        var e = assertThrows(RagException.class, () -> BeirArchive.open(zip("partial.zip", entries)));
        assertTrue(e.getMessage().contains("no corpus.jsonl, no qrels/<split>.tsv in folder 'data/'"), e.getMessage());
        assertTrue(e.getMessage().contains("data/queries.jsonl, data/readme.txt"), e.getMessage());

        Map<String, String> nested = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            nested.put("cqadupstack/sub" + i + "/corpus.jsonl", CORPUS);
        }
        var n = assertThrows(RagException.class, () -> BeirArchive.open(zip("nested.zip", nested)));
        assertTrue(n.getMessage().contains("(12 entries)"), n.getMessage());

        Map<String, String> two = new LinkedHashMap<>();
        two.put("a/corpus.jsonl", CORPUS);
        two.put("b/corpus.jsonl", CORPUS);
        var t = assertThrows(RagException.class, () -> BeirArchive.open(zip("twosets.zip", two)));
        assertTrue(t.getMessage().contains("several datasets (a/, b/)"), t.getMessage());

        Path notZip = Files.writeString(dir.resolve("not.zip"), "plain text");
        assertThrows(RagException.class, () -> BeirArchive.open(notZip));
    }

    private String readError(String corpus, String queries, String qrels) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("corpus.jsonl", corpus);
        entries.put("queries.jsonl", queries);
        entries.put("qrels/test.tsv", qrels);
        try (BeirArchive beir = BeirArchive.open(zip("bad" + System.nanoTime() + ".zip", entries))) {
            return assertThrows(RagException.class, () -> beir.read(null)).getMessage();
        }
    }

    @Test
    void malformed_input_is_reported_with_file_and_line() throws IOException {
        String okQrels = "query-id\tcorpus-id\tscore\nq1\td1\t1\n";
        assertTrue(readError(CORPUS, "{\"_id\": \"q1\", \"text\": \"a\"}\n{\"_id\": \"q2\", \"text\": \n", okQrels)
                .matches(".*!/queries\\.jsonl line 2: malformed JSON.*"));
        assertTrue(readError(CORPUS, "{\"text\": \"a\"}\n", okQrels).endsWith("queries.jsonl line 1: no \"_id\""));
        assertTrue(readError(CORPUS, "{\"_id\": \"q1\"}\n", okQrels)
                .endsWith("queries.jsonl line 1: query 'q1' has no \"text\""));
        assertTrue(
                readError(CORPUS, "{\"_id\": \"q1\", \"text\": \"a\"}\n{\"_id\": \"q1\", \"text\": \"b\"}\n", okQrels)
                        .endsWith("queries.jsonl line 2: query ID 'q1' repeats line 1"));
        assertTrue(readError(CORPUS, "[1, 2]\n", okQrels).endsWith("queries.jsonl line 1: expected a JSON object"));
        assertTrue(readError(CORPUS, "{\"_id\": \"q1\", \"text\": \"a\"} {}\n", okQrels)
                .endsWith("queries.jsonl line 1: unexpected content after the JSON object"));
        assertTrue(readError(CORPUS, QUERIES, okQrels + "q1\td2\t1.0\n")
                .endsWith("qrels/test.tsv line 3: score '1.0' is not an integer"));
        assertTrue(readError(CORPUS, QUERIES, okQrels + "\nq1 d2 1\n")
                .endsWith(
                        "qrels/test.tsv line 4: expected 3 tab-separated columns (query-id, corpus-id, score), got 1"));
        assertTrue(
                readError(CORPUS, QUERIES, okQrels + "q1\t\t1\n").endsWith("qrels/test.tsv line 3: empty corpus-id"));
        assertTrue(readError("{\"_id\": \"d1\"}\n{\"title\": \"t\", \"text\": \"x\"}\n", QUERIES, okQrels)
                .endsWith("corpus.jsonl line 2: no \"_id\""));
        assertTrue(readError("{\"_id\": [\"d1\"]}\n", QUERIES, okQrels)
                .endsWith("corpus.jsonl line 1: _id must be a string, got an array"));
        assertTrue(readError("{\"_id\": \"d\\u0001\"}\n", QUERIES, okQrels)
                .endsWith("corpus.jsonl line 1: \"_id\" 'd\u0001' contains control characters"));
        assertTrue(readError("{\"_id\": \"d1\", \"text\": 3}\n", QUERIES, okQrels)
                .endsWith("corpus.jsonl line 1: \"text\" must be a string, got a number"));
    }

    @Test
    void tolerates_bom_and_crlf_and_rejects_bad_utf8_and_long_lines() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] corpus = concat(
                bom,
                "{\"_id\": \"d1\", \"text\": \"x\"}\r\n\r\n{\"_id\": \"d2\", \"text\": \"y\"}\r\n"
                        .getBytes(StandardCharsets.UTF_8));
        byte[] queries = concat(bom, "{\"_id\": \"q1\", \"text\": \"é\"}\r\n".getBytes(StandardCharsets.UTF_8));
        byte[] qrels = concat(bom, "query-id\tcorpus-id\tscore\r\nq1\td2\t1\r\n".getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("corpus.jsonl", corpus);
        entries.put("queries.jsonl", queries);
        entries.put("qrels/test.tsv", qrels);
        try (BeirArchive beir = BeirArchive.open(zipBytes("bom.zip", entries))) {
            BeirSet set = beir.read(null);
            assertEquals(List.of(EvalItem.of("q1", "é", List.of(Relevance.source("d2", 1)))), set.items());
            assertEquals(0, set.report().unknownDocumentRows());
            assertEquals(2, beir.corpusSize());
            try (Stream<BeirDocument> docs = beir.corpus()) {
                assertEquals(List.of("d1", "d2"), docs.map(BeirDocument::id).toList());
            }
        }

        byte[] latin1 = concat(
                "{\"_id\": \"d1\", \"text\": \"x\"}\n{\"_id\": \"d2\", \"text\": \"caf"
                        .getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xE9, '"', '}', '\n'});
        entries.put("corpus.jsonl", latin1);
        try (BeirArchive beir = BeirArchive.open(zipBytes("latin1.zip", entries))) {
            var e = assertThrows(RagException.class, beir::corpusSize);
            assertEquals("latin1.zip!/corpus.jsonl line 2 is not valid UTF-8", e.getMessage());
        }

        entries.put(
                "corpus.jsonl",
                ("{\"_id\": \"d1\"}\n{\"_id\": \"d2\", \"text\": \"" + "x".repeat(200) + "\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
        try (BeirArchive beir = BeirArchive.open(zipBytes("long.zip", entries), 100, 1000);
                Stream<BeirDocument> docs = beir.corpus()) {
            var e = assertThrows(RagException.class, docs::toList);
            assertEquals("long.zip!/corpus.jsonl line 2 is longer than 100 characters", e.getMessage());
        }
    }

    @Test
    void queries_and_qrels_held_in_memory_are_capped() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("corpus.jsonl", CORPUS.repeat(50));
        entries.put("queries.jsonl", QUERIES);
        entries.put("qrels/test.tsv", TEST_QRELS + "q1\td1\t1\n".repeat(100_000));
        try (BeirArchive beir = BeirArchive.open(zip("bomb.zip", entries), 100, 10_000)) {
            assertEquals(200, beir.corpusSize(), "the streamed corpus is not capped");
            var e = assertThrows(RagException.class, () -> beir.read(null));
            assertTrue(
                    e.getMessage().startsWith("bomb.zip!/qrels/test.tsv is longer than 10000 characters (at line "),
                    e.getMessage());
        }
    }

    @Test
    void document_text_joins_title_and_text() {
        assertEquals("T\n\nbody", new BeirDocument("x", "T", "body").asText());
        assertEquals("body", new BeirDocument("x", " ", "body").asText());
        assertEquals("", new BeirDocument("x", null, null).asText());
        assertThrows(IllegalArgumentException.class, () -> new BeirDocument(" ", "t", "x"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
