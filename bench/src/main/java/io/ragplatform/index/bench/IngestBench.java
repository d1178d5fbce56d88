package io.ragplatform.index.bench;

import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.index.Ingestion;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.UpsertResult;
import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.Canonicalizer;
import io.ragplatform.ingest.Chunker;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.DocumentRejectedException;
import io.ragplatform.ingest.ExtractionLimits;
import io.ragplatform.ingest.Extractors;
import io.ragplatform.ingest.LanguageDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ingestion throughput, per file and end to end, with the real extractor, tokenizer, model and index.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... io.ragplatform.index.bench.IngestBench DIR [REPEATS] [MODEL]
 * </pre>
 *
 * For each file of DIR: the median time to prepare it (Tika, canonical text, chunks; no index). Then, REPEATS times on
 * a fresh index: all files uploaded once (embedding everything new), again unchanged (the no-parse fast path), and
 * again under new sourceIds (parsed, every chunk already embedded). Prints medians.
 */
public final class IngestBench {
    private IngestBench() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Embedder model = Embedders.named(args.length > 2 ? args[2] : Embedders.BGE_SMALL_EN_V15_Q, 0);
        System.out.println("model " + model.modelId() + ", chunk budget " + (model.maxTokens() - 2) + " tokens");
        DocumentPreparer preparer = preparer(model);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        // warm-up: class loading, JIT, native libraries
        for (Path f : files) {
            prepareQuietly(preparer, f);
        }
        System.out.printf(Locale.ROOT, "%-40s %10s %8s %12s%n", "file", "bytes", "chunks", "prepare ms");
        for (Path f : files) {
            double[] ms = new double[repeats];
            int chunks = 0;
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                chunks = prepareQuietly(preparer, f);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-40s %10d %8s %12.1f%n",
                    f.getFileName(),
                    Files.size(f),
                    chunks < 0 ? "refused" : chunks,
                    median(ms));
        }
        double[] first = new double[repeats];
        double[] unchanged = new double[repeats];
        double[] copies = new double[repeats];
        int embedded = 0;
        for (int r = 0; r < repeats; r++) {
            Path indexDir = Files.createTempDirectory("ingest-bench-");
            try (RagIndex index = RagIndex.open(indexDir, model, preparer.pipelineVersion())) {
                Ingestion ingestion = new Ingestion(preparer, index);
                embedded = 0;
                long t0 = System.nanoTime();
                for (Path f : files) {
                    embedded += ingestQuietly(ingestion, f, "a/" + f.getFileName());
                }
                first[r] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                for (Path f : files) {
                    ingestQuietly(ingestion, f, "a/" + f.getFileName());
                }
                unchanged[r] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                for (Path f : files) {
                    ingestQuietly(ingestion, f, "b/" + f.getFileName());
                }
                copies[r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%n%d files, %d chunks embedded on first upload; medians of %d runs:%n",
                files.size(),
                embedded,
                repeats);
        System.out.printf(
                Locale.ROOT,
                "first upload (parse + embed + commit): %8.0f ms  (%.1f files/s)%n",
                median(first),
                files.size() * 1000 / median(first));
        System.out.printf(
                Locale.ROOT,
                "same bytes again (no parse):           %8.0f ms  (%.1f files/s)%n",
                median(unchanged),
                files.size() * 1000 / median(unchanged));
        System.out.printf(
                Locale.ROOT,
                "copies under new sourceIds (parse, no embedding): %8.0f ms  (%.1f files/s)%n",
                median(copies),
                files.size() * 1000 / median(copies));
    }

    /** The service's pipeline, chunks sized for {@code model}: Tika, the standard canonicalizer, structural chunks. */
    public static DocumentPreparer preparer(Embedder model) {
        Canonicalizer canon = Canonicalizer.standard();
        return new DocumentPreparer(
                Extractors.tika(ExtractionLimits.DEFAULTS),
                canon,
                Chunker.structural(model.tokenCounter(), model.maxTokens() - 2, canon.hashVersion()),
                LanguageDetector.tika());
    }

    private static int prepareQuietly(DocumentPreparer preparer, Path f) {
        try {
            return preparer
                    .prepare(f, f.getFileName().toString(), f.getFileName().toString(), Map.of(), Acl.PUBLIC_ONLY)
                    .documents()
                    .stream()
                    .mapToInt(d -> d.chunks().size())
                    .sum();
        } catch (DocumentRejectedException e) {
            return -1;
        }
    }

    private static int ingestQuietly(Ingestion ingestion, Path f, String sourceId) {
        try {
            UpsertResult r = ingestion.ingest(f, f.getFileName().toString(), sourceId, Map.of(), Acl.PUBLIC_ONLY);
            return r.embedded();
        } catch (DocumentRejectedException e) {
            return 0;
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
