package io.ragplatform.index.bench;

import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.index.Ingestion;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.sync.DirectorySource;
import io.ragplatform.index.sync.SourceEntry;
import io.ragplatform.index.sync.SourceSynchronizer;
import io.ragplatform.index.sync.SyncProgress;
import io.ragplatform.index.sync.SyncReport;
import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.Chunk;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.DocumentRejectedException;
import io.ragplatform.ingest.PreparedDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How much of the embedder's rate a whole first sync keeps: for a directory DIR (a mixed corpus), each round measures
 * side by side, in rotating order,
 *
 * <ul>
 *   <li><b>embedding only</b>: the distinct chunk texts of DIR (prepared once before the rounds) through the model's
 *       {@code embedAll} in calls of at most 512 texts (the sync's largest batch), nothing else;
 *   <li><b>sync</b>: {@link SourceSynchronizer} over DIR into a fresh index (list, extract, chunk, embed, commit: the
 *       service's sync);
 *   <li><b>file by file</b>: the same files through {@link Ingestion#ingest} one at a time into a fresh index (one
 *       commit per file, nothing overlapped: how syncs ran before the pipeline).
 * </ul>
 *
 * Rates are chunks embedded per second; the share is sync ÷ embedding only. Prints each round and the medians.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.ragplatform.index.bench.PipelineBench DIR [ROUNDS=3] [MODEL=bge-small-en-v15-q]
 * </pre>
 */
public final class PipelineBench {
    private PipelineBench() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: PipelineBench DIR [ROUNDS=3] [MODEL=bge-small-en-v15-q]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Embedder model = Embedders.named(args.length > 2 ? args[2] : Embedders.BGE_SMALL_EN_V15_Q, 0);
        DocumentPreparer preparer = IngestBench.preparer(model);
        DirectorySource source = new DirectorySource("bench", dir);
        List<SourceEntry> entries = source.list();
        List<String> texts = distinctChunkTexts(preparer, source, entries);
        System.out.printf(
                Locale.ROOT,
                "model %s; %d files, %d distinct chunks (%d characters on average)%n",
                model.modelId(),
                entries.size(),
                texts.size(),
                texts.stream().mapToInt(String::length).sum() / Math.max(1, texts.size()));
        model.embedAll(texts.subList(0, Math.min(32, texts.size()))); // warm-up: native library, JIT

        double[] embedding = new double[rounds];
        double[] sync = new double[rounds];
        double[] single = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 3; k++) {
                switch ((r + k) % 3) {
                    case 0 -> embedding[r] = embeddingOnly(model, texts);
                    case 1 -> sync[r] = sync(model, preparer, source);
                    default -> single[r] = fileByFile(model, preparer, source, entries);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "round %d: embedding only %.1f chunks/s, sync %.1f chunks/s (%.0f %%), file by file %.1f chunks/s"
                            + " (%.0f %%)%n",
                    r + 1,
                    embedding[r],
                    sync[r],
                    100 * sync[r] / embedding[r],
                    single[r],
                    100 * single[r] / embedding[r]);
        }
        double[] shares = new double[rounds];
        double[] singleShares = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            shares[r] = sync[r] / embedding[r];
            singleShares[r] = single[r] / embedding[r];
        }
        System.out.printf(
                Locale.ROOT,
                "medians of %d rounds: embedding only %.1f chunks/s, sync %.1f chunks/s, file by file %.1f chunks/s;"
                        + " share of the embedding rate: sync %.0f %%, file by file %.0f %%%n",
                rounds,
                IngestBench.median(embedding),
                IngestBench.median(sync),
                IngestBench.median(single),
                100 * IngestBench.median(shares),
                100 * IngestBench.median(singleShares));
    }

    /** The corpus's distinct chunk texts, in listing order, as the index would embed them. */
    private static List<String> distinctChunkTexts(
            DocumentPreparer preparer, DirectorySource source, List<SourceEntry> entries) {
        Map<String, String> byId = new LinkedHashMap<>();
        int refused = 0;
        for (SourceEntry e : entries) {
            try {
                for (PreparedDocument d : preparer.prepare(
                                source.root().resolve(e.path()),
                                e.fileName(),
                                SourceSynchronizer.sourceId(source, e),
                                Map.of(),
                                Acl.PUBLIC_ONLY)
                        .documents()) {
                    for (Chunk c : d.chunks()) {
                        byId.putIfAbsent(c.id(), c.text());
                    }
                }
            } catch (DocumentRejectedException ex) {
                refused++;
            }
        }
        System.out.printf(Locale.ROOT, "%d files refused (broken, encrypted, empty)%n", refused);
        return new ArrayList<>(byId.values());
    }

    /** The sync's largest batch: one embedding call per 512 chunks, as {@code SyncPipeline.Limits.DEFAULT} stores them. */
    private static final int BATCH_CHUNKS = 512;

    private static double embeddingOnly(Embedder model, List<String> texts) {
        long t0 = System.nanoTime();
        int n = 0;
        for (int from = 0; from < texts.size(); from += BATCH_CHUNKS) {
            n += model.embedAll(texts.subList(from, Math.min(texts.size(), from + BATCH_CHUNKS)))
                    .size();
        }
        return n / seconds(t0);
    }

    private static double sync(Embedder model, DocumentPreparer preparer, DirectorySource source) throws IOException {
        Path indexDir = Files.createTempDirectory("pipeline-bench-");
        try (RagIndex index = RagIndex.open(indexDir, model, preparer.pipelineVersion())) {
            long t0 = System.nanoTime();
            SyncReport report = new SourceSynchronizer(new Ingestion(preparer, index)).sync(source, SyncProgress.NONE);
            return report.embedded() / seconds(t0);
        } finally {
            delete(indexDir);
        }
    }

    private static double fileByFile(
            Embedder model, DocumentPreparer preparer, DirectorySource source, List<SourceEntry> entries)
            throws IOException {
        Path indexDir = Files.createTempDirectory("pipeline-bench-");
        try (RagIndex index = RagIndex.open(indexDir, model, preparer.pipelineVersion())) {
            Ingestion ingestion = new Ingestion(preparer, index);
            int embedded = 0;
            long t0 = System.nanoTime();
            for (SourceEntry e : entries) {
                try {
                    embedded += ingestion
                            .ingest(
                                    source.root().resolve(e.path()),
                                    e.fileName(),
                                    SourceSynchronizer.sourceId(source, e),
                                    source.metadata(),
                                    source.acl())
                            .embedded();
                } catch (DocumentRejectedException ex) {
                    // counted by the sync as a failure; here it only costs its parse
                }
            }
            return embedded / seconds(t0);
        } finally {
            delete(indexDir);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
