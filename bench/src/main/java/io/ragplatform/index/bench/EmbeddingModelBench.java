package io.ragplatform.index.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.ingest.TokenCounter;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

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

    /** Query instructions of models trained with one (BGE v1.5 English, from the model card). */
    static final String BGE_EN_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    static final int TOP_K = 100;

    record Passage(String id, String text) {}

    record Claim(String id, String text) {}

    /** Means over the queries; {@code ndcg10PerQuery} in query order, for paired comparisons. */
    record Metrics(
            double ndcg10, double recall10, double recall100, double mrr10, int queries, double[] ndcg10PerQuery) {
        static Metrics mean(List<double[]> perQuery) {
            double[] sum = new double[4];
            double[] ndcg = new double[perQuery.size()];
            for (int q = 0; q < perQuery.size(); q++) {
                double[] m = perQuery.get(q);
                for (int i = 0; i < 4; i++) {
                    sum[i] += m[i];
                }
                ndcg[q] = m[0];
            }
            int n = perQuery.size();
            return new Metrics(sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n, n, ndcg);
        }
    }

    /** One line of the final table. */
    record Row(
            String system,
            int dim,
            String loadSeconds,
            String passagesPerSecond,
            String runs,
            Metrics metrics,
            String queryMs) {}

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

        List<Passage> corpus = readCorpus(dir.resolve("corpus.jsonl"));
        Map<String, String> queryText = readQueries(dir.resolve("queries.jsonl"));
        Map<String, Map<String, Integer>> qrels = readQrels(dir.resolve("qrels").resolve(split + ".tsv"));
        List<Claim> queries = new ArrayList<>();
        int judgments = 0;
        for (Map.Entry<String, Map<String, Integer>> e : qrels.entrySet()) {
            String text = queryText.get(e.getKey());
            if (text == null) {
                throw new IllegalStateException("qrels query " + e.getKey() + " not in queries.jsonl");
            }
            queries.add(new Claim(e.getKey(), text));
            judgments += e.getValue().size();
        }
        Map<String, Integer> docIndex = new HashMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            docIndex.put(corpus.get(i).id(), i);
        }
        long missing = qrels.values().stream()
                .flatMap(m -> m.keySet().stream())
                .filter(d -> !docIndex.containsKey(d))
                .count();

        System.out.printf(Locale.ROOT, "# EmbeddingModelBench %s%n", Instant.now());
        System.out.printf(
                Locale.ROOT,
                "# java %s (%s), %d cores, %s, max heap %d MB%n",
                Runtime.version(),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(
                Locale.ROOT,
                "# dataset %s: %d passages, %d queries in qrels/%s.tsv (%d judgments, %d judged docs"
                        + " missing from corpus); batch %d, warm-up %d passages, %d timed runs%s%n",
                dir,
                corpus.size(),
                queries.size(),
                split,
                judgments,
                missing,
                batch,
                warmup,
                runs,
                truncate ? "; passages TRUNCATED to the model's maxTokens - 2" : "");
        int[] chars = corpus.stream().mapToInt(p -> p.text().length()).sorted().toArray();
        System.out.printf(Locale.ROOT, "# load average at start: %s%n", loadAverage());
        System.out.printf(
                Locale.ROOT,
                "# passage chars: mean %.0f, median %d, p90 %d, max %d%n",
                Arrays.stream(chars).average().orElse(0),
                pct(chars, 50),
                pct(chars, 90),
                chars[chars.length - 1]);

        List<Row> rows = new ArrayList<>();

        // BM25 reference
        long t0 = System.nanoTime();
        Metrics bm25 = bm25(corpus, queries, qrels);
        System.out.printf(
                Locale.ROOT, "# BM25 index + %d searches: %.1f s%n", queries.size(), (System.nanoTime() - t0) / 1e9);
        rows.add(new Row("BM25 (Lucene EnglishAnalyzer, k1=1.2 b=0.75)", 0, "-", "-", "-", bm25, "-"));
        printResult(rows.getLast());

        // native runtimes first, so that the first model's load time is not charged with them
        t0 = System.nanoTime();
        ai.onnxruntime.OrtEnvironment.getEnvironment();
        ai.djl.huggingface.tokenizers.jni.LibUtils.checkStatus();
        System.out.printf(
                Locale.ROOT, "# ONNX Runtime + DJL tokenizer native init: %.2f s%n", (System.nanoTime() - t0) / 1e9);

        Map<String, Embedder> loaded = new LinkedHashMap<>();
        for (String name : models) {
            rows.addAll(benchModel(name, corpus, queries, qrels, batch, runs, warmup, truncate, loaded));
        }
        if (interleave > 0 && loaded.size() > 1) {
            interleaved(loaded, corpus.subList(0, Math.min(interleave, corpus.size())), batch, rounds);
        }

        System.out.println();
        System.out.println("| system | dim | passages/s (median of " + runs
                + ") | runs | nDCG@10 | recall@10 | recall@100" + " | MRR@10 | load s | query ms (median) |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            Metrics m = r.metrics();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %.4f | %.4f | %.4f | %.4f | %s | %s |%n",
                    r.system(),
                    r.dim() == 0 ? "-" : Integer.toString(r.dim()),
                    r.passagesPerSecond(),
                    r.runs(),
                    m.ndcg10(),
                    m.recall10(),
                    m.recall100(),
                    m.mrr10(),
                    r.loadSeconds(),
                    r.queryMs());
        }

        System.out.println();
        System.out.println("Paired nDCG@10 differences over the same " + queries.size()
                + " queries (B - A; 95% interval of the" + " mean = ±1.96·sd/√n; wins/ties/losses of B):");
        for (int a = 0; a < rows.size(); a++) {
            for (int b = a + 1; b < rows.size(); b++) {
                double[] x = rows.get(a).metrics().ndcg10PerQuery();
                double[] y = rows.get(b).metrics().ndcg10PerQuery();
                double[] d = new double[x.length];
                int wins = 0;
                int losses = 0;
                for (int q = 0; q < x.length; q++) {
                    d[q] = y[q] - x[q];
                    wins += d[q] > 1e-12 ? 1 : 0;
                    losses += d[q] < -1e-12 ? 1 : 0;
                }
                double mean = Arrays.stream(d).average().orElse(0);
                double var = Arrays.stream(d).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, d.length - 1);
                double half = 1.96 * Math.sqrt(var / d.length);
                System.out.printf(
                        Locale.ROOT,
                        "  A=%s  B=%s: %+.4f ± %.4f (%d/%d/%d)%n",
                        rows.get(a).system(),
                        rows.get(b).system(),
                        mean,
                        half,
                        wins,
                        d.length - wins - losses,
                        losses);
            }
        }
    }

    private static List<Row> benchModel(
            String name,
            List<Passage> corpus,
            List<Claim> queries,
            Map<String, Map<String, Integer>> qrels,
            int batch,
            int runs,
            int warmup,
            boolean truncate,
            Map<String, Embedder> loaded) {
        long t0 = System.nanoTime();
        Embedder embedder = name.contains("@") ? withInputLength(name) : Embedders.named(name, 0);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        loaded.put(name, embedder);
        System.out.printf(
                Locale.ROOT,
                "# %s: loaded in %.2f s, dim %d, maxTokens %d (Embedders)%n",
                name,
                loadSeconds,
                embedder.dimension(),
                embedder.maxTokens());

        TokenCounter counter = embedder.tokenCounter();
        List<String> texts = corpus.stream().map(Passage::text).toList();
        if (truncate) {
            texts = texts.stream()
                    .map(t -> truncate(t, counter, embedder.maxTokens() - 2))
                    .toList();
        }
        int[] tokens = texts.stream().mapToInt(counter::count).sorted().toArray();
        long total = Arrays.stream(tokens).asLongStream().sum();
        System.out.printf(
                Locale.ROOT,
                "# %s passage tokens (special tokens excluded): mean %.0f, median %d, p90 %d, max %d;"
                        + " > %d: %d passages; > 510 (split into windows by LangChain4j): %d%n",
                name,
                (double) total / tokens.length,
                pct(tokens, 50),
                pct(tokens, 90),
                tokens[tokens.length - 1],
                embedder.maxTokens() - 2,
                Arrays.stream(tokens).filter(n -> n > embedder.maxTokens() - 2).count(),
                Arrays.stream(tokens).filter(n -> n > 510).count());

        embedAll(embedder, texts.subList(0, Math.min(warmup, texts.size())), batch);

        float[][] vectors = null;
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            t0 = System.nanoTime();
            float[][] v = embedAll(embedder, texts, batch);
            double seconds = (System.nanoTime() - t0) / 1e9;
            rates[r] = texts.size() / seconds;
            System.out.printf(
                    Locale.ROOT,
                    "# %s run %d: %d passages in %.1f s = %.1f passages/s, %.0f tokens/s; load average"
                            + " after: %s%n",
                    name,
                    r + 1,
                    texts.size(),
                    seconds,
                    rates[r],
                    total / seconds,
                    loadAverage());
            if (vectors == null) {
                vectors = v;
            } else if (!Arrays.deepEquals(vectors, v)) {
                System.out.printf(
                        Locale.ROOT,
                        "# WARNING %s run %d: vectors differ from run 1 (max abs diff %.3g)%n",
                        name,
                        r + 1,
                        maxAbsDiff(vectors, v));
            }
        }
        double[] sortedRates = rates.clone();
        Arrays.sort(sortedRates);
        String median = String.format(Locale.ROOT, "%.1f", sortedRates[runs / 2]);
        String all = String.join(
                " / ",
                Arrays.stream(rates)
                        .mapToObj(x -> String.format(Locale.ROOT, "%.1f", x))
                        .toList());

        List<String> prefixes = new ArrayList<>();
        prefixes.add("");
        String instruction = queryInstruction(name);
        if (instruction != null) {
            prefixes.add(instruction);
        }
        List<Row> rows = new ArrayList<>();
        for (String prefix : prefixes) {
            double[] queryMs = new double[queries.size()];
            List<double[]> perQuery = new ArrayList<>();
            for (int q = 0; q < queries.size(); q++) {
                Claim claim = queries.get(q);
                long s = System.nanoTime();
                float[] qv = embedder.embedQuery(prefix + claim.text());
                queryMs[q] = (System.nanoTime() - s) / 1e6;
                int[] top = topK(qv, vectors, TOP_K);
                List<String> ranked = new ArrayList<>(top.length);
                for (int d : top) {
                    ranked.add(corpus.get(d).id());
                }
                perQuery.add(metrics(ranked, qrels.get(claim.id())));
            }
            Arrays.sort(queryMs);
            String label = (prefix.isEmpty() ? name : name + " + query instruction")
                    + (truncate ? " (passages cut to " + (embedder.maxTokens() - 2) + " tokens)" : "");
            Row row = new Row(
                    label,
                    embedder.dimension(),
                    String.format(Locale.ROOT, "%.2f", loadSeconds),
                    median,
                    all,
                    Metrics.mean(perQuery),
                    String.format(Locale.ROOT, "%.1f", queryMs[queryMs.length / 2]));
            rows.add(row);
            printResult(row);
        }
        return rows;
    }

    /** Passages/s of each model on the same passages, the models taking turns in each round; median and ratio. */
    private static void interleaved(Map<String, Embedder> models, List<Passage> passages, int batch, int rounds) {
        List<String> texts = passages.stream().map(Passage::text).toList();
        Map<String, double[]> rates = new LinkedHashMap<>();
        models.keySet().forEach(n -> rates.put(n, new double[rounds]));
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Embedder> e : models.entrySet()) {
                long t0 = System.nanoTime();
                embedAll(e.getValue(), texts, batch);
                rates.get(e.getKey())[r] = texts.size() / ((System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "# interleaved round %d done; load average %s%n", r + 1, loadAverage());
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Interleaved throughput, first %d passages, %d rounds (models take turns in each round):%n",
                texts.size(),
                rounds);
        double first = 0;
        for (Map.Entry<String, double[]> e : rates.entrySet()) {
            double[] v = e.getValue().clone();
            Arrays.sort(v);
            double median = v[rounds / 2];
            if (first == 0) {
                first = median;
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %-30s median %.1f passages/s (rounds: %s), %.2fx the first model%n",
                    e.getKey(),
                    median,
                    String.join(
                            " / ",
                            Arrays.stream(e.getValue())
                                    .mapToObj(x -> String.format(Locale.ROOT, "%.1f", x))
                                    .toList()),
                    median / first);
        }
    }

    /** ONNX file, tokenizer file and pooling of the in-process artifacts (as their model classes load them). */
    private static final Map<String, String[]> ARTIFACTS = Map.of(
            "all-minilm-l6-v2-q", new String[] {"all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", "MEAN"},
            "bge-small-en-v15-q",
                    new String[] {"bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", "CLS"});

    /**
     * {@code <model>@<n>}: the same ONNX model with the truncation of its tokenizer set to {@code n} tokens, special
     * tokens included. The tokenizer.json shipped in all-minilm-l6-v2-q truncates at 128 (Hugging Face's file for
     * all-MiniLM-L6-v2 does), which LangChain4j keeps: that model never sees more than 126 tokens of text. The token
     * counter is the project's (from {@link Embedders}); load time covers only the model built here.
     */
    static Embedder withInputLength(String spec) {
        String base = spec.substring(0, spec.indexOf('@'));
        int length = Integer.parseInt(spec.substring(spec.indexOf('@') + 1));
        String[] artifact = ARTIFACTS.get(base);
        if (artifact == null) {
            throw new IllegalArgumentException("no artifact known for " + base + "; known: " + ARTIFACTS.keySet());
        }
        TokenCounter counter = Embedders.named(base, length).tokenCounter();
        long t0 = System.nanoTime();
        try {
            Path dir = Files.createTempDirectory("embedding-bench");
            Path model = dir.resolve(artifact[0]);
            Path tokenizer = dir.resolve(artifact[1]);
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (var in = loader.getResourceAsStream(artifact[0])) {
                Files.copy(in, model);
            }
            ObjectMapper json = new ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode config;
            try (var in = loader.getResourceAsStream(artifact[1])) {
                config = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(in);
            }
            config.putObject("truncation")
                    .put("direction", "Right")
                    .put("max_length", length)
                    .put("strategy", "LongestFirst")
                    .put("stride", 0);
            json.writeValue(tokenizer.toFile(), config);
            var onnx = new dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel(
                    model, tokenizer, dev.langchain4j.model.embedding.onnx.PoolingMode.valueOf(artifact[2]));
            Files.delete(model);
            Files.delete(tokenizer);
            Files.delete(dir);
            System.out.printf(
                    Locale.ROOT,
                    "# %s: built from %s with tokenizer truncation %d in %.2f s%n",
                    spec,
                    base,
                    length,
                    (System.nanoTime() - t0) / 1e9);
            return Embedders.of(onnx, spec, length, counter);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The instruction a model expects in front of search queries, or null. */
    static String queryInstruction(String model) {
        return model.startsWith("bge-") && model.contains("-en-") ? BGE_EN_QUERY_INSTRUCTION : null;
    }

    /** The longest prefix of the text ending at a word boundary with at most {@code max} tokens. */
    static String truncate(String text, TokenCounter counter, int max) {
        if (counter.count(text) <= max) {
            return text;
        }
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                cuts.add(i);
            }
        }
        int lo = -1; // largest index into cuts known to fit
        int hi = cuts.size(); // smallest index known not to fit
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (counter.count(text.substring(0, cuts.get(mid))) <= max) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo < 0 ? "" : text.substring(0, cuts.get(lo));
    }

    private static float[][] embedAll(Embedder embedder, List<String> texts, int batch) {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += batch) {
            List<float[]> vs = embedder.embedAll(texts.subList(from, Math.min(from + batch, texts.size())));
            for (int i = 0; i < vs.size(); i++) {
                out[from + i] = vs.get(i);
            }
        }
        return out;
    }

    /** Indexes of the k highest dot products (vectors are unit length: cosine), best first; ties to the lower index. */
    static int[] topK(float[] q, float[][] docs, int k) {
        k = Math.min(k, docs.length);
        int[] idx = new int[k];
        float[] score = new float[k];
        int size = 0;
        for (int d = 0; d < docs.length; d++) {
            float[] v = docs[d];
            float s = 0;
            for (int i = 0; i < v.length; i++) {
                s += q[i] * v[i];
            }
            if (size == k && s <= score[k - 1]) {
                continue; // equal score: the earlier (lower) index stays ahead
            }
            int pos = size < k ? size++ : k - 1;
            while (pos > 0 && score[pos - 1] < s) {
                score[pos] = score[pos - 1];
                idx[pos] = idx[pos - 1];
                pos--;
            }
            score[pos] = s;
            idx[pos] = d;
        }
        return idx;
    }

    /** nDCG@10 (linear gain), recall@10, recall@100, MRR@10 of one ranked list against the query's judgments. */
    static double[] metrics(List<String> ranked, Map<String, Integer> rels) {
        int relevant = (int) rels.values().stream().filter(g -> g > 0).count();
        double dcg = 0;
        double rr = 0;
        int hits10 = 0;
        int hits100 = 0;
        for (int i = 0; i < Math.min(ranked.size(), 100); i++) {
            int gain = rels.getOrDefault(ranked.get(i), 0);
            if (gain <= 0) {
                continue;
            }
            hits100++;
            if (i < 10) {
                hits10++;
                dcg += gain / log2(i + 2);
                if (rr == 0) {
                    rr = 1.0 / (i + 1);
                }
            }
        }
        int[] ideal = rels.values().stream()
                .mapToInt(Integer::intValue)
                .filter(g -> g > 0)
                .map(g -> -g)
                .sorted()
                .map(g -> -g)
                .toArray();
        double idcg = 0;
        for (int i = 0; i < Math.min(ideal.length, 10); i++) {
            idcg += ideal[i] / log2(i + 2);
        }
        return new double[] {
            idcg == 0 ? 0 : dcg / idcg,
            relevant == 0 ? 0 : (double) hits10 / relevant,
            relevant == 0 ? 0 : (double) hits100 / relevant,
            rr
        };
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }

    private static Metrics bm25(List<Passage> corpus, List<Claim> queries, Map<String, Map<String, Integer>> qrels)
            throws IOException {
        EnglishAnalyzer analyzer = new EnglishAnalyzer();
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
            try (IndexWriter writer = new IndexWriter(dir, config)) {
                for (Passage p : corpus) {
                    Document d = new Document();
                    d.add(new StoredField("id", p.id()));
                    d.add(new TextField("text", p.text(), Field.Store.NO));
                    writer.addDocument(d);
                }
                writer.forceMerge(1);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(new BM25Similarity());
                StoredFields stored = searcher.storedFields();
                QueryBuilder builder = new QueryBuilder(analyzer);
                List<double[]> perQuery = new ArrayList<>();
                for (Claim claim : queries) {
                    Query q = builder.createBooleanQuery("text", claim.text(), BooleanClause.Occur.SHOULD);
                    List<String> ranked = new ArrayList<>();
                    if (q != null) {
                        TopDocs top = searcher.search(q, TOP_K);
                        for (ScoreDoc sd : top.scoreDocs) {
                            ranked.add(stored.document(sd.doc).get("id"));
                        }
                    }
                    perQuery.add(metrics(ranked, qrels.get(claim.id())));
                }
                return Metrics.mean(perQuery);
            }
        }
    }

    private static void printResult(Row r) {
        Metrics m = r.metrics();
        System.out.printf(
                Locale.ROOT,
                "RESULT %-50s dim=%-4s passages/s(median)=%-7s runs=[%s] nDCG@10=%.4f recall@10=%.4f"
                        + " recall@100=%.4f MRR@10=%.4f load_s=%s query_ms=%s queries=%d%n",
                r.system(),
                r.dim() == 0 ? "-" : Integer.toString(r.dim()),
                r.passagesPerSecond(),
                r.runs(),
                m.ndcg10(),
                m.recall10(),
                m.recall100(),
                m.mrr10(),
                r.loadSeconds(),
                r.queryMs(),
                m.queries());
    }

    private static List<Passage> readCorpus(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Passage> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                String title = n.path("title").asText("");
                String text = n.path("text").asText("");
                out.add(new Passage(n.get("_id").asText(), title.isEmpty() ? text : title + " " + text));
            }
        }
        return out;
    }

    private static Map<String, String> readQueries(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> out = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    JsonNode n = json.readTree(line);
                    out.put(n.get("_id").asText(), n.get("text").asText());
                }
            }
        }
        return out;
    }

    /** query id -> (doc id -> grade), in file order; the header line is skipped. */
    private static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t");
            if (f.length < 3 || (i == 0 && f[0].equals("query-id"))) {
                continue;
            }
            out.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], Integer.parseInt(f[2].trim()));
        }
        return out;
    }

    private static int pct(int[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double maxAbsDiff(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    /** The machine's 1/5/15-minute load averages (the machine is shared: timings are only as good as this). */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("cpu ?");
        } catch (IOException | RuntimeException e) {
            return "cpu ?";
        }
    }
}
