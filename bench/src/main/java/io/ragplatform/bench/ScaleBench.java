package io.ragplatform.bench;

import io.ragplatform.index.Embedder;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchFilter;
import io.ragplatform.index.SearchHit;
import io.ragplatform.index.SearchMode;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.index.bench.IngestBench;
import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.PreparedUpload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Search latency, index size and heap against corpus size, in process: an index of CHUNKS synthetic chunks (documents
 * of ten sections, each section one chunk of about 45 words drawn from a 5,000-word vocabulary with Zipf-like
 * frequencies, seeded) embedded by {@link HashEmbedder} (384-d unit vectors seeded by the text: free, and isotropic,
 * which is a harder case for HNSW than real embeddings), then QUERIES queries of 3–6 vocabulary words in each mode.
 * Prints the build time, the index size on disk, the heap after a GC, the p50/p90/p99 latency of {@link
 * RagIndex#search} per mode (no HTTP, no JSON, no query model: those are measured through REST by {@code LoadBench}),
 * and the recall@10 of the vector search against exact (brute-force) search over the same vectors.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx8g -cp bench/target/benchmarks.jar \
 *     io.ragplatform.bench.ScaleBench [CHUNKS=100000] [QUERIES=300] [WORK_DIR]
 * </pre>
 *
 * A WORK_DIR whose index already holds CHUNKS chunks is searched without rebuilding.
 */
public final class ScaleBench {
    private static final int SECTIONS = 10;
    private static final int VOCABULARY = 5_000;
    private static final int DIMENSION = 384;
    private static final int K = 10;

    private ScaleBench() {}

    public static void main(String[] args) throws IOException {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("scale-bench-");
        Embedder model = new HashEmbedder(DIMENSION);
        DocumentPreparer preparer = IngestBench.preparer(model);
        Words words = new Words(new Random(42));
        try (RagIndex index = RagIndex.open(work.resolve("index"), model, preparer.pipelineVersion())) {
            if (index.stats().chunks() < chunks) {
                build(index, preparer, work, words, chunks);
            }
            System.out.printf(
                    Locale.ROOT,
                    "index: %d documents, %d chunks, %.1f MB on disk; heap after GC %.0f MB%n",
                    index.stats().documents(),
                    index.stats().chunks(),
                    size(work.resolve("index")) / 1e6,
                    heapAfterGc() / 1e6);
            Random rq = new Random(7);
            List<String> qs = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                qs.add(words.phrase(rq, 3 + rq.nextInt(4)));
            }
            for (SearchMode mode : List.of(SearchMode.KEYWORD, SearchMode.VECTOR, SearchMode.HYBRID)) {
                latency(index, qs, mode);
            }
            recall(index, model, qs);
        }
    }

    /** Writes CHUNKS/10 ten-section documents as text files and stores them, 200 per commit. */
    private static void build(RagIndex index, DocumentPreparer preparer, Path work, Words words, int chunks)
            throws IOException {
        Path files = Files.createDirectories(work.resolve("files"));
        Random r = new Random(1);
        long t0 = System.nanoTime();
        List<PreparedUpload> batch = new ArrayList<>();
        int documents = (chunks + SECTIONS - 1) / SECTIONS;
        for (int d = 0; d < documents; d++) {
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < SECTIONS; s++) {
                text.append("Section ")
                        .append(d)
                        .append('.')
                        .append(s)
                        .append("\n\n")
                        .append(words.phrase(r, 40 + r.nextInt(10)))
                        .append(".\n\n");
            }
            Path f = files.resolve("doc-" + d + ".txt");
            Files.writeString(f, text, StandardCharsets.UTF_8);
            batch.add(preparer.prepare(f, f.getFileName().toString(), "scale/" + d, Map.of(), Acl.PUBLIC_ONLY));
            Files.delete(f);
            if (batch.size() == 200 || d == documents - 1) {
                index.upsertAll(batch);
                batch.clear();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "built %d documents in %.1f s (%.0f chunks/s, hash vectors: no model time)%n",
                documents,
                (System.nanoTime() - t0) / 1e9,
                index.stats().chunks() / ((System.nanoTime() - t0) / 1e9));
    }

    private static void latency(RagIndex index, List<String> queries, SearchMode mode) {
        for (String q : queries) { // warm-up: JIT, page cache
            index.search(new SearchRequest(q, K, mode));
        }
        long[] nanos = new long[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            long t = System.nanoTime();
            index.search(new SearchRequest(queries.get(i), K, mode));
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(
                Locale.ROOT,
                "%-8s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  (%d queries, k=%d, in process)%n",
                mode.name().toLowerCase(Locale.ROOT),
                at(nanos, 0.50),
                at(nanos, 0.90),
                at(nanos, 0.99),
                queries.size(),
                K);
    }

    /** HNSW against brute force over every stored chunk's vector, for the first 50 queries. */
    private static void recall(RagIndex index, Embedder model, List<String> queries) {
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        index.forEachEntry(index.stats().indexVersion(), new io.ragplatform.index.CorpusVisitor() {
            @Override
            public void document(io.ragplatform.index.DocumentRecord document) {}

            @Override
            public void chunk(io.ragplatform.index.CorpusChunk c) {
                ids.add(c.chunkId());
                vectors.add(c.vector());
            }
        });
        int n = Math.min(50, queries.size());
        double found = 0;
        for (int i = 0; i < n; i++) {
            float[] q = model.embedQuery(queries.get(i));
            Set<String> exact = exactTop(q, ids, vectors);
            Set<String> approx = new HashSet<>();
            for (SearchHit h : index.searchVector(q, K, SearchFilter.NONE).results()) {
                approx.add(h.chunkId());
            }
            approx.retainAll(exact);
            found += approx.size();
        }
        System.out.printf(
                Locale.ROOT,
                "vector recall@%d against exact search: %.3f (%d queries, %d vectors)%n",
                K,
                found / (n * K),
                n,
                ids.size());
    }

    private static Set<String> exactTop(float[] q, List<String> ids, List<float[]> vectors) {
        double[] best = new double[K];
        int[] at = new int[K];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < vectors.size(); i++) {
            float[] v = vectors.get(i);
            double dot = 0;
            for (int j = 0; j < q.length; j++) {
                dot += q[j] * v[j];
            }
            if (dot > best[K - 1]) {
                int p = K - 1;
                while (p > 0 && best[p - 1] < dot) {
                    best[p] = best[p - 1];
                    at[p] = at[p - 1];
                    p--;
                }
                best[p] = dot;
                at[p] = i;
            }
        }
        Set<String> out = new HashSet<>();
        for (int p = 0; p < K && best[p] > Double.NEGATIVE_INFINITY; p++) {
            out.add(ids.get(at[p]));
        }
        return out;
    }

    private static double at(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        }
    }

    private static long heapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** A vocabulary of pronounceable made-up words, drawn with Zipf-like frequencies. */
    private static final class Words {
        private final String[] words = new String[VOCABULARY];
        private final double[] cumulative = new double[VOCABULARY];

        Words(Random r) {
            String consonants = "bcdfghklmnprstvz";
            String vowels = "aeiou";
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < VOCABULARY; i++) {
                String w;
                do {
                    StringBuilder b = new StringBuilder();
                    int syllables = 1 + r.nextInt(3);
                    for (int s = 0; s < syllables; s++) {
                        b.append(consonants.charAt(r.nextInt(consonants.length())))
                                .append(vowels.charAt(r.nextInt(vowels.length())));
                    }
                    w = b.toString();
                } while (!seen.add(w));
                words[i] = w;
            }
            double sum = 0;
            for (int i = 0; i < VOCABULARY; i++) {
                sum += 1.0 / (i + 1);
                cumulative[i] = sum;
            }
            for (int i = 0; i < VOCABULARY; i++) {
                cumulative[i] /= sum;
            }
        }

        String phrase(Random r, int n) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int at = Arrays.binarySearch(cumulative, r.nextDouble());
                b.append(i == 0 ? "" : " ").append(words[at < 0 ? Math.min(VOCABULARY - 1, -at - 1) : at]);
            }
            return b.toString();
        }
    }
}
