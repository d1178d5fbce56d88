package io.ragplatform.index.bench;

import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.index.bench.BenchReport.Row;
import io.ragplatform.ingest.TokenCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The timed part: each model's load, passage embedding runs and query runs; the interleaved speed comparison. */
final class ModelRuns {
    private ModelRuns() {}

    /**
     * One model: load it, embed the corpus {@code runs} times after a warm-up (the vectors of every run must match),
     * then rank every query by exact cosine; a row per query prefix (none, and the model's instruction if it has one).
     * The loaded model is added to {@code loaded} for the interleaved comparison.
     */
    static List<Row> benchModel(
            String name,
            BeirFolder data,
            int batch,
            int runs,
            int warmup,
            boolean truncate,
            Map<String, Embedder> loaded) {
        long t0 = System.nanoTime();
        Embedder embedder = name.contains("@") ? ModelInputs.withInputLength(name) : Embedders.named(name, 0);
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
        List<String> texts =
                data.corpus().stream().map(BeirFolder.Passage::text).toList();
        if (truncate) {
            texts = texts.stream()
                    .map(t -> ModelInputs.truncate(t, counter, embedder.maxTokens() - 2))
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
                BenchReport.pct(tokens, 50),
                BenchReport.pct(tokens, 90),
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
                    BenchReport.loadAverage());
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
        String instruction = ModelInputs.queryInstruction(name);
        if (instruction != null) {
            prefixes.add(instruction);
        }
        List<Row> rows = new ArrayList<>();
        for (String prefix : prefixes) {
            double[] queryMs = new double[data.queries().size()];
            List<double[]> perQuery = new ArrayList<>();
            for (int q = 0; q < data.queries().size(); q++) {
                BeirFolder.Claim claim = data.queries().get(q);
                long s = System.nanoTime();
                float[] qv = embedder.embedQuery(prefix + claim.text());
                queryMs[q] = (System.nanoTime() - s) / 1e6;
                int[] top = Ranking.topK(qv, vectors, Ranking.TOP_K);
                List<String> ranked = new ArrayList<>(top.length);
                for (int d : top) {
                    ranked.add(data.corpus().get(d).id());
                }
                perQuery.add(Ranking.metrics(ranked, data.qrels().get(claim.id())));
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
                    Ranking.Metrics.mean(perQuery),
                    String.format(Locale.ROOT, "%.1f", queryMs[queryMs.length / 2]));
            rows.add(row);
            BenchReport.printResult(row);
        }
        return rows;
    }

    /** Passages/s of each model on the same passages, the models taking turns in each round; median and ratio. */
    static void interleaved(Map<String, Embedder> models, List<BeirFolder.Passage> passages, int batch, int rounds) {
        List<String> texts = passages.stream().map(BeirFolder.Passage::text).toList();
        Map<String, double[]> rates = new LinkedHashMap<>();
        models.keySet().forEach(n -> rates.put(n, new double[rounds]));
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Embedder> e : models.entrySet()) {
                long t0 = System.nanoTime();
                embedAll(e.getValue(), texts, batch);
                rates.get(e.getKey())[r] = texts.size() / ((System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(
                    Locale.ROOT, "# interleaved round %d done; load average %s%n", r + 1, BenchReport.loadAverage());
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

    private static double maxAbsDiff(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }
}
