package io.ragplatform.index.bench;

import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.index.Ingestion;
import io.ragplatform.index.Occurrence;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchHit;
import io.ragplatform.index.SearchMode;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.DocumentPreparer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Retrieval quality of the real index (its analyzers, its models routed by language, its fusion) on a BEIR folder: every
 * passage ingested as a text file under its own sourceId, every query searched in each mode, a passage ranked at its
 * best chunk.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.ragplatform.index.bench.LanguageSearchBench DIR SPLIT [LANGUAGE_MODELS] [INDEX_DIR]
 * </pre>
 *
 * LANGUAGE_MODELS is the service's {@code rag.embedding.language-models} ({@code zh=bge-small-zh-v15-q}, the default,
 * or {@code none}); INDEX_DIR keeps the index between runs (an existing one is searched again without ingesting).
 */
public final class LanguageSearchBench {
    private LanguageSearchBench() {}

    public static void main(String[] args) throws IOException {
        BeirFolder data = BeirFolder.read(Path.of(args[0]), args[1]);
        String spec = args.length > 2 ? args[2] : "zh=" + Embedders.BGE_SMALL_ZH_V15_Q;
        Map<String, Embedder> languageModels = Embedders.languageModels(spec);
        Embedder primary = Embedders.named(Embedders.BGE_SMALL_EN_V15_Q, 0);
        Embedder model = Embedders.routed(primary, languageModels);
        DocumentPreparer preparer = IngestBench.preparer(model);
        Path indexDir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("language-bench-");
        boolean fresh = !Files.isDirectory(indexDir) || isEmpty(indexDir);
        try (RagIndex index = RagIndex.open(indexDir, model, preparer.pipelineVersion())) {
            if (fresh) {
                long t0 = System.nanoTime();
                ingest(new Ingestion(preparer, index), data);
                System.out.printf(
                        Locale.ROOT,
                        "ingested %d passages in %.0f s (%s)%n",
                        data.corpus().size(),
                        (System.nanoTime() - t0) / 1e9,
                        spec);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d queries of %s (%s), language models %s%n",
                    data.queries().size(),
                    args[0],
                    args[1],
                    spec);
            System.out.printf(Locale.ROOT, "%-8s %8s %9s %7s%n", "mode", "nDCG@10", "recall@10", "MRR@10");
            for (SearchMode mode : SearchMode.values()) {
                List<double[]> perQuery = new ArrayList<>();
                for (BeirFolder.Claim q : data.queries()) {
                    List<SearchHit> hits =
                            index.search(new SearchRequest(q.text(), 40, mode)).results();
                    LinkedHashSet<String> ranked = new LinkedHashSet<>();
                    for (SearchHit h : hits) {
                        for (Occurrence o : h.sources()) {
                            ranked.add(o.sourceId());
                        }
                    }
                    perQuery.add(Ranking.metrics(
                            new ArrayList<>(ranked), data.qrels().get(q.id())));
                }
                Ranking.Metrics m = Ranking.Metrics.mean(perQuery);
                System.out.printf(
                        Locale.ROOT,
                        "%-8s %8.3f %9.3f %7.3f%n",
                        mode.name().toLowerCase(Locale.ROOT),
                        m.ndcg10(),
                        m.recall10(),
                        m.mrr10());
            }
            fusionVariants(index, data);
        }
    }

    /**
     * Fusions of the keyword and vector candidate lists the index's hybrid mode fuses (50 each), computed here: reciprocal
     * rank with a weight on the keyword list, and min-max normalized scores combined with a weight.
     */
    private static void fusionVariants(RagIndex index, BeirFolder data) {
        List<List<SearchHit>> keyword = new ArrayList<>();
        List<List<SearchHit>> vector = new ArrayList<>();
        for (BeirFolder.Claim q : data.queries()) {
            keyword.add(index.search(new SearchRequest(q.text(), 50, SearchMode.KEYWORD))
                    .results());
            vector.add(index.search(new SearchRequest(q.text(), 50, SearchMode.VECTOR))
                    .results());
        }
        System.out.printf(Locale.ROOT, "%nfusion of the same candidates (keyword weight w, vector weight 1)%n");
        for (double w : new double[] {1, 1.5, 2, 3}) {
            report("rrf k=60 w=" + w, data, keyword, vector, (kw, vec) -> rrf(kw, vec, w));
        }
        for (double w : new double[] {0.3, 0.5, 0.7}) {
            report("minmax w=" + w, data, keyword, vector, (kw, vec) -> minMax(kw, vec, w));
        }
    }

    private static void report(
            String name,
            BeirFolder data,
            List<List<SearchHit>> keyword,
            List<List<SearchHit>> vector,
            java.util.function.BiFunction<List<SearchHit>, List<SearchHit>, List<SearchHit>> fusion) {
        List<double[]> perQuery = new ArrayList<>();
        for (int i = 0; i < data.queries().size(); i++) {
            List<SearchHit> fused = fusion.apply(keyword.get(i), vector.get(i));
            LinkedHashSet<String> ranked = new LinkedHashSet<>();
            for (SearchHit h : fused.subList(0, Math.min(40, fused.size()))) {
                h.sources().forEach(o -> ranked.add(o.sourceId()));
            }
            perQuery.add(Ranking.metrics(
                    new ArrayList<>(ranked),
                    data.qrels().get(data.queries().get(i).id())));
        }
        Ranking.Metrics m = Ranking.Metrics.mean(perQuery);
        System.out.printf(Locale.ROOT, "%-22s %8.3f %9.3f %7.3f%n", name, m.ndcg10(), m.recall10(), m.mrr10());
    }

    private static List<SearchHit> rrf(List<SearchHit> kw, List<SearchHit> vec, double w) {
        Map<String, Double> score = new java.util.HashMap<>();
        Map<String, SearchHit> byId = new java.util.HashMap<>();
        for (int r = 0; r < kw.size(); r++) {
            score.merge(kw.get(r).chunkId(), w / (61 + r), Double::sum);
            byId.put(kw.get(r).chunkId(), kw.get(r));
        }
        for (int r = 0; r < vec.size(); r++) {
            score.merge(vec.get(r).chunkId(), 1.0 / (61 + r), Double::sum);
            byId.put(vec.get(r).chunkId(), vec.get(r));
        }
        return sorted(score, byId);
    }

    private static List<SearchHit> minMax(List<SearchHit> kw, List<SearchHit> vec, double w) {
        Map<String, Double> score = new java.util.HashMap<>();
        Map<String, SearchHit> byId = new java.util.HashMap<>();
        addNormalized(kw, w, score, byId);
        addNormalized(vec, 1 - w, score, byId);
        return sorted(score, byId);
    }

    private static void addNormalized(
            List<SearchHit> hits, double w, Map<String, Double> score, Map<String, SearchHit> byId) {
        if (hits.isEmpty()) {
            return;
        }
        double max = hits.get(0).score();
        double min = hits.get(hits.size() - 1).score();
        for (SearchHit h : hits) {
            double x = max == min ? 1 : (h.score() - min) / (max - min);
            score.merge(h.chunkId(), w * x, Double::sum);
            byId.put(h.chunkId(), h);
        }
    }

    private static List<SearchHit> sorted(Map<String, Double> score, Map<String, SearchHit> byId) {
        return score.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> byId.get(e.getKey()))
                .toList();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void ingest(Ingestion ingestion, BeirFolder data) throws IOException {
        Path tmp = Files.createTempDirectory("language-bench-files-");
        List<Ingestion.FileToIngest> batch = new ArrayList<>();
        int n = 0;
        for (BeirFolder.Passage p : data.corpus()) {
            Path f = tmp.resolve((n++) + ".txt");
            Files.writeString(f, p.text(), StandardCharsets.UTF_8);
            batch.add(new Ingestion.FileToIngest(f, f.getFileName().toString(), p.id(), Map.of(), Acl.PUBLIC_ONLY));
            if (batch.size() == 200) {
                ingestion.ingestAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            ingestion.ingestAll(batch);
        }
    }
}
