package io.ragplatform.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.eval.grounded.GroundednessBench;
import io.ragplatform.index.bench.BatchedEmbeddingBench;
import io.ragplatform.index.bench.EmbeddingModelBench;
import io.ragplatform.index.bench.IngestBench;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * That each benchmark starts and finishes on a tiny input: JMH in this JVM (no fork, no warm-up, one 20 ms iteration,
 * the model-free settings) and each benchmark main on a few synthetic lines. No timing is asserted: the figures are
 * the benchmarks' business (docs/BENCHMARKS.md).
 */
class BenchmarksStartTest {
    /** The in-process model the mains load: the smaller and faster of the two. */
    private static final String MODEL = "all-minilm-l6-v2-q";

    @TempDir
    Path dir;

    @Test
    void every_jmh_benchmark_runs_one_short_iteration() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("io\\.ragplatform\\.bench\\..*")
                .param("format", "txt")
                .param("tokenizer", "approximate")
                .param("model", "hash")
                .param("copies", "1")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertEquals(
                7, results.size(), "canonicalize, chunk, hashChunkIds, keyword, vector, hybridRepeated, hybridFresh");
    }

    @Test
    void ingest_bench_runs_on_two_small_files() throws IOException {
        Path files = Files.createDirectories(dir.resolve("files"));
        Files.writeString(files.resolve("a.txt"), "Backups\n\nBackups are kept for 35 days.\n");
        Files.writeString(files.resolve("b.md"), "# Keys\n\nKeys rotate every 90 days.\n");
        String out = run(() -> IngestBench.main(new String[] {files.toString(), "1", MODEL}));
        assertTrue(out.contains("2 files, 2 chunks embedded on first upload"), out);
    }

    @Test
    void extraction_bench_runs_on_two_small_files() throws IOException {
        Path files = Files.createDirectories(dir.resolve("extract"));
        Files.writeString(files.resolve("a.txt"), "Backups\n\nBackups are kept for 35 days.\n");
        Files.writeString(files.resolve("b.md"), "# Keys\n\nKeys rotate every 90 days.\n");
        String out = run(() -> ExtractionBench.main(new String[] {"1", files.toString()}));
        assertTrue(out.contains("round of 2 files"), out);
    }

    @Test
    void pii_bench_runs_on_two_labelled_sentences() throws IOException {
        Path data = Files.createDirectories(dir.resolve("pii"));
        Files.writeString(data.resolve("synth_dataset_v2.json"), """
                [{"full_text": "Mail alice@example.com or call 555-123-4567.", "spans": [
                   {"entity_type": "EMAIL_ADDRESS", "start_position": 5, "end_position": 22},
                   {"entity_type": "PHONE_NUMBER", "start_position": 31, "end_position": 43}]},
                 {"full_text": "Born 2000-04-16 in Paris.", "spans": [
                   {"entity_type": "DATE_TIME", "start_position": 5, "end_position": 15}]}]
                """);
        Files.writeString(data.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Contact", "text": "Write to bob@example.org, not to version 3.3.1."}
                """);
        String out = run(() -> PiiBench.main(
                new String[] {data.toString(), "--rounds=1", "--unlabelled=" + data.resolve("corpus.jsonl")}));
        assertTrue(out.contains("2 sentences, 3 labelled spans"), out);
        assertTrue(out.contains("1 documents, 56 chars, hits {EMAIL=1}"), out);
        assertTrue(out.matches("(?s).*EMAIL +1 +1 +1 +1 +1\\.000 +1\\.000 +1\\.000.*"), out);
    }

    @Test
    void near_duplicate_bench_runs_on_three_abstracts() throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("ndup")).resolve("corpus.jsonl");
        Files.writeString(corpus, """
                {"_id": "d1", "text": "Backups of every production system are kept for thirty five days off site."}
                {"_id": "d2", "text": ""}
                {"_id": "d3", "text": "Keys rotate every ninety days and are never written to a shared drive."}
                {"_id": "d4", "text": "Lost laptops are reported to the service desk within one hour of the loss."}
                """);
        String out = run(() -> NearDuplicateBench.main(
                new String[] {corpus.toString(), "--documents=3", "--rates=0.01,0.5", "--rounds=1"}));
        assertTrue(out.contains("3 originals, 9 texts; 5-word shingles, 20 bands x 5 rows, threshold 0.80"), out);
        assertTrue(out.contains("original vs copy at  1.0%"), out);
        assertTrue(out.contains("all 36 pairs:"), out);
    }

    @Test
    void embedding_model_bench_runs_on_a_tiny_beir_folder() throws IOException {
        Path beir = tinyBeir("beir", "train", """
                {"_id": "d1", "title": "Backups", "text": "Backups are kept for 35 days."}
                {"_id": "d2", "title": "Keys", "text": "Keys rotate every 90 days."}
                {"_id": "d3", "title": "Laptops", "text": "Lost laptops are reported within one hour."}
                """, """
                {"_id": "q1", "text": "how long are backups kept"}
                {"_id": "q2", "text": "what to do with a lost laptop"}
                """, "q1\td1\t1\nq2\td3\t1\n");
        String out = run(() ->
                EmbeddingModelBench.main(new String[] {beir.toString(), MODEL, "--runs=1", "--warmup=1", "--batch=2"}));
        assertTrue(out.contains(MODEL), out);
    }

    @Test
    void chinese_benches_run_on_a_tiny_chinese_beir_folder() throws IOException {
        String corpus =
                "{\"_id\": \"d1\", \"text\": \"备份保存三十五天。\"}\n" + "{\"_id\": \"d2\", \"text\": \"密钥每九十天轮换一次。\"}\n";
        String queries = "{\"_id\": \"q1\", \"text\": \"备份保存多久？\"}\n" + "{\"_id\": \"q2\", \"text\": \"密钥多久轮换？\"}\n";
        Path beir = tinyBeir("beir-zh", "test", corpus, queries, "q1\td1\t1\nq2\td2\t1\n");
        String analyzers =
                run(() -> io.ragplatform.index.bench.ChineseAnalyzerBench.main(new String[] {beir.toString(), "test"}));
        assertTrue(analyzers.contains("CJKAnalyzer (bigrams)"), analyzers);
        String search = run(() -> io.ragplatform.index.bench.LanguageSearchBench.main(new String[] {
            beir.toString(),
            "test",
            "zh=bge-small-zh-v15-q",
            dir.resolve("zh-index").toString()
        }));
        assertTrue(search.contains("hybrid") && search.contains("rrf k=60 w=2.0"), search);
    }

    @Test
    void batched_embedding_bench_runs_on_a_tiny_corpus() throws IOException {
        Path beir = Files.createDirectories(dir.resolve("batched"));
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Backups", "text": "Backups are kept for 35 days."}
                {"_id": "d2", "title": "Keys", "text": "Keys rotate every 90 days."}
                """);
        String out = run(() -> BatchedEmbeddingBench.main(
                new String[] {beir.toString(), "--model=" + MODEL, "--tokens=8", "--chunks=3", "--rounds=1", "--batch=2"
                }));
        assertTrue(out.contains("smallest cosine to current"), out);
        assertTrue(out.contains("x current"), out);
    }

    @Test
    void groundedness_bench_runs_on_tiny_labelled_sets() throws IOException {
        Path data = dir.resolve("data");
        Path halu = Files.createDirectories(data.resolve("halueval-qa"));
        StringBuilder qa = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            qa.append(String.format(
                    "{\"knowledge\": \"Backups of system %d are kept for 35 days.\", \"question\": \"How long?\","
                            + " \"right_answer\": \"35 days\", \"hallucinated_answer\": \"%d years.\"}%n",
                    i, i + 2));
        }
        Files.writeString(halu.resolve("qa_one-turn_data.json"), qa);
        Path claims = Files.createDirectories(data.resolve("scifact-claims"));
        Files.writeString(claims.resolve("claims_train.csv"), """
                id,claim,evidence_doc_id,evidence_label,evidence_sentences,cited_doc_ids
                1,X raises Y.,11,SUPPORT,[0],[11]
                2,X lowers Y.,11,CONTRADICT,[0],[11]
                3,Z raises W.,12,SUPPORT,[0],[12]
                4,Z has no effect on W.,12,CONTRADICT,[0],[12]
                """);
        Path corpus = Files.createDirectories(data.resolve("beir-scifact"));
        Files.writeString(corpus.resolve("corpus.jsonl"), """
                {"_id": "11", "title": "X and Y", "text": "X raises Y in mice.", "metadata": {}}
                {"_id": "12", "title": "Z and W", "text": "Z raises W in cells.", "metadata": {}}
                """);
        String out = run(() -> GroundednessBench.main(new String[] {data.toString(), "--model", MODEL}));
        assertTrue(out.contains("scored 12 answers"), out); // 8 HaluEval answers, 4 SciFact claims
    }

    @Test
    void sync_bench_times_an_idle_resync_of_a_small_directory() {
        String out = run(() -> io.ragplatform.index.bench.SyncBench.main(
                new String[] {"20", "2", dir.resolve("sync").toString()}));
        assertTrue(out.contains("first sync: 20 files, 20 created"), out);
        assertTrue(out.contains("idle re-sync of 20 files: median"), out);
    }

    @Test
    void scale_bench_builds_and_searches_a_small_index() {
        String out = run(() ->
                ScaleBench.main(new String[] {"200", "20", dir.resolve("scale").toString()}));
        assertTrue(out.contains("index: 20 documents, 200 chunks"), out);
        assertTrue(out.contains("hybrid   p50"), out);
        assertTrue(out.contains("vector recall@10 against exact search"), out);
    }

    @Test
    void pipeline_bench_measures_sync_and_embedding_on_a_few_files() throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("pipeline"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(
                    corpus.resolve("note-" + i + ".txt"),
                    "Note " + i + "\n\nThe depot of site " + i + " ships grain every " + (i + 2) + " days.\n");
        }
        String out =
                run(() -> io.ragplatform.index.bench.PipelineBench.main(new String[] {corpus.toString(), "1", MODEL}));
        assertTrue(out.contains("3 files, 3 distinct chunks"), out);
        assertTrue(out.contains("share of the embedding rate: sync"), out);
    }

    @Test
    void summedits_bench_runs_on_two_tiny_domains() throws IOException {
        Path summedits = Files.createDirectories(dir.resolve("se-data").resolve("summedits"));
        String doc = "The board met on Monday. It approved the budget of 5 million euros. The vote was unanimous.";
        for (String domain : java.util.List.of("news", "podcast")) {
            StringBuilder rows = new StringBuilder("[");
            String[][] summaries = {
                {"The board approved a budget of 5 million euros.", "1", "evaluation"},
                {"The board rejected a budget of 9 million euros.", "0", "evaluation"},
                {"The budget vote on Monday was unanimous.", "1", "test"},
                {"The budget vote on Friday was split.", "0", "test"}
            };
            for (int i = 0; i < summaries.length; i++) {
                rows.append(i == 0 ? "" : ",")
                        .append(String.format(
                                "{\"id\": \"%s-%d\", \"doc\": \"%s\", \"summary\": \"%s\", \"label\": %s,"
                                        + " \"original_summary\": \"\", \"edit_types\": [], \"split\": \"%s\"}",
                                domain, i, doc, summaries[i][0], summaries[i][1], summaries[i][2]));
            }
            Files.writeString(summedits.resolve("summedits_" + domain + ".json"), rows.append("]"));
        }
        String out = run(() -> io.ragplatform.eval.grounded.SummEditsBench.main(
                new String[] {summedits.getParent().toString(), "--model", MODEL}));
        assertTrue(out.contains("scored 8 summaries"), out);
        assertTrue(out.contains("align-contrast, weakest claim") && out.contains("mean held out"), out);
    }

    @Test
    void load_bench_runs_against_a_stub_service() throws Exception {
        com.sun.net.httpserver.HttpServer stub =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicInteger uploads = new java.util.concurrent.atomic.AtomicInteger();
        stub.createContext("/v1/search", x -> answer(x, 200, "{\"results\":[]}"));
        stub.createContext("/v1/documents", x -> {
            x.getRequestBody().readAllBytes();
            answer(x, uploads.incrementAndGet() % 2 == 0 ? 503 : 200, "{\"error\":\"storage_unavailable\"}");
        });
        stub.start();
        try {
            Path files = Files.createDirectories(dir.resolve("load"));
            Files.writeString(files.resolve("a.md"), "# Backup policy\n\nBackups are kept for 35 days.\n");
            String out = run(() -> LoadBench.main(new String[] {
                "http://127.0.0.1:" + stub.getAddress().getPort(), files.toString(), "--seconds=1", "--searchers=2"
            }));
            assertTrue(out.contains("2 searching clients and 1 uploading client"), out);
            assertTrue(out.matches("(?s).*search +\\d+ requests, 0 errors.*"), out);
            assertTrue(
                    out.matches("(?s).*upload +\\d+ requests, [1-9]\\d* errors.*503.*"), "errors are counted: " + out);
        } finally {
            stub.stop(0);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    /** A BEIR folder under this test's directory: corpus, queries and one split's qrels (the rows after the header). */
    private Path tinyBeir(String name, String split, String corpus, String queries, String qrels) throws IOException {
        Path beir = Files.createDirectories(dir.resolve(name + "/qrels")).getParent();
        Files.writeString(beir.resolve("corpus.jsonl"), corpus);
        Files.writeString(beir.resolve("queries.jsonl"), queries);
        Files.writeString(beir.resolve("qrels/" + split + ".tsv"), "query-id\tcorpus-id\tscore\n" + qrels);
        return beir;
    }

    private interface Main {
        void run() throws Exception;
    }

    /** Runs a main and returns what it printed. */
    private static String run(Main main) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } catch (Exception e) {
            throw new AssertionError(buffer.toString(StandardCharsets.UTF_8), e);
        } finally {
            System.setOut(stdout);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        stdout.print(out);
        return out;
    }
}
