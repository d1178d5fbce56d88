package io.ragplatform.index.bench;

import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.index.bench.BenchReport.Row;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * Chooses the default in-process embedding model by measurement on a BEIR dataset (document-level retrieval).
 *
 * <p>Usage: {@code EmbeddingModelBench <beir-dir> <model>... [--batch=32] [--runs=3] [--warmup=64] [--split=train]
 * [--truncate] [--interleave=N] [--interleave-rounds=3]}
 *
 * <p>For every model ({@link Embedders#named(String, int)}): load time; token lengths of the passages under the
 * model's own tokenizer; throughput of {@link Embedder#embedAll(List)} over the whole corpus in batches, after a
 * warm-up, repeated {@code runs} times (median reported; the vectors of every run must be identical); then, for every
 * query of the qrels split, exact cosine top-100 by brute force and nDCG@10, recall@10, recall@100, MRR@10. Models with
 * a known query instruction (BGE English) are evaluated with and without it on the same passage vectors. BM25 (Lucene,
 * {@link EnglishAnalyzer}, default {@link BM25Similarity}) over the same passage text is reported for reference.
 *
 * <p>Passage text is {@code title + " " + text}, not truncated here: LangChain4j splits inputs longer than 510 tokens
 * into windows and averages their embeddings, unless the model's tokenizer.json truncates first (MiniLM's does, at
 * 128; {@code <model>@<n>} sets another truncation). With {@code --truncate} (a side experiment, not the default) every
 * passage is cut at a word boundary to the model's input size as {@link Embedders} gives it ({@code maxTokens - 2}
 * tokens, the chunker's budget). With {@code --interleave=N} the models' speeds are also compared on the first N
 * passages, model after model within each round, so that a change in the load of a shared machine hits all models
 * alike. Everything is in file order with index tie-breaks, so the quality figures are deterministic; the timings are
 * not.
 */
public final class EmbeddingModelBench {
    private EmbeddingModelBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = null;
        List<String> models = new ArrayList<>();
        int batch = 32;
        int runs = 3;
        int warmup = 64;
        String split = "train";
        boolean truncate = false;
        int interleave = 0;
        int rounds = 3;
        for (String a : args) {
            if (a.startsWith("--batch=")) {
                batch = Integer.parseInt(a.substring(8));
            } else if (a.startsWith("--runs=")) {
                runs = Integer.parseInt(a.substring(7));
            } else if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring(9));
            } else if (a.startsWith("--interleave-rounds=")) {
                rounds = Integer.parseInt(a.substring(20));
            } else if (a.startsWith("--interleave=")) {
                interleave = Integer.parseInt(a.substring(13));
            } else if (a.equals("--truncate")) {
                truncate = true;
            } else if (a.startsWith("--split=")) {
                split = a.substring(8);
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else if (dir == null) {
                dir = Path.of(a);
            } else {
                models.add(a);
            }
        }
        if (dir == null) {
            System.err.println("usage: EmbeddingModelBench <beir-dir> <model>... [--batch=32] [--runs=3] [--warmup=64]"
                    + " [--split=train] [--truncate] [--interleave=N] [--interleave-rounds=3]; models available: "
                    + Embedders.available());
            System.exit(2);
        }

        BeirFolder data = BeirFolder.read(dir, split);

        System.out.printf(Locale.ROOT, "# EmbeddingModelBench %s%n", Instant.now());
        System.out.printf(
                Locale.ROOT,
                "# java %s (%s), %d cores, %s, max heap %d MB%n",
                Runtime.version(),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                BenchReport.cpuModel(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(
                Locale.ROOT,
                "# dataset %s: %d passages, %d queries in qrels/%s.tsv (%d judgments, %d judged docs"
                        + " missing from corpus); batch %d, warm-up %d passages, %d timed runs%s%n",
                dir,
                data.corpus().size(),
                data.queries().size(),
                split,
                data.judgments(),
                data.missing(),
                batch,
                warmup,
                runs,
                truncate ? "; passages TRUNCATED to the model's maxTokens - 2" : "");
        int[] chars =
                data.corpus().stream().mapToInt(p -> p.text().length()).sorted().toArray();
        System.out.printf(Locale.ROOT, "# load average at start: %s%n", BenchReport.loadAverage());
        System.out.printf(
                Locale.ROOT,
                "# passage chars: mean %.0f, median %d, p90 %d, max %d%n",
                Arrays.stream(chars).average().orElse(0),
                BenchReport.pct(chars, 50),
                BenchReport.pct(chars, 90),
                chars[chars.length - 1]);

        List<Row> rows = new ArrayList<>();

        // BM25 reference
        long t0 = System.nanoTime();
        Ranking.Metrics bm25 = Bm25Baseline.measure(data);
        System.out.printf(
                Locale.ROOT,
                "# BM25 index + %d searches: %.1f s%n",
                data.queries().size(),
                (System.nanoTime() - t0) / 1e9);
        rows.add(new Row(Bm25Baseline.SYSTEM, 0, "-", "-", "-", bm25, "-"));
        BenchReport.printResult(rows.getLast());

        // native runtimes first, so that the first model's load time is not charged with them
        t0 = System.nanoTime();
        ai.onnxruntime.OrtEnvironment.getEnvironment();
        ai.djl.huggingface.tokenizers.jni.LibUtils.checkStatus();
        System.out.printf(
                Locale.ROOT, "# ONNX Runtime + DJL tokenizer native init: %.2f s%n", (System.nanoTime() - t0) / 1e9);

        Map<String, Embedder> loaded = new LinkedHashMap<>();
        for (String name : models) {
            rows.addAll(ModelRuns.benchModel(name, data, batch, runs, warmup, truncate, loaded));
        }
        if (interleave > 0 && loaded.size() > 1) {
            ModelRuns.interleaved(
                    loaded,
                    data.corpus().subList(0, Math.min(interleave, data.corpus().size())),
                    batch,
                    rounds);
        }

        BenchReport.printTable(rows, runs);
        BenchReport.printPairedDifferences(rows, data.queries().size());
    }
}
