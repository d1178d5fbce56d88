package io.ragplatform.index.bench;

import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.index.Ingestion;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.sync.DirectorySource;
import io.ragplatform.index.sync.SourceSynchronizer;
import io.ragplatform.index.sync.SyncProgress;
import io.ragplatform.index.sync.SyncReport;
import io.ragplatform.ingest.DocumentPreparer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The time of an idle re-sync of a directory source (every file unchanged), against its size: a directory of FILES
 * small text files is written (deterministic, in 100 sub-directories), synced once, then synced again ROUNDS times;
 * the median idle sync is printed with its time per file. The first sync embeds with all-MiniLM-L6-v2 (the fastest
 * in-process model; an idle sync embeds nothing, so the model does not matter to the figure). Usage:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.ragplatform.index.bench.SyncBench [FILES=10000] [ROUNDS=5] [WORK_DIR]
 * </pre>
 */
public final class SyncBench {
    private SyncBench() {}

    public static void main(String[] args) throws IOException {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("sync-bench-");
        Path root = work.resolve("source");
        for (int i = 0; i < files; i++) {
            Path f = root.resolve(String.format(Locale.ROOT, "d%02d/note-%05d.txt", i % 100, i));
            Files.createDirectories(f.getParent());
            Files.writeString(
                    f,
                    "Note " + i + ". Ticket " + (i * 7919 % 100_003) + " was closed by team " + (i % 17)
                            + " after the backup of system " + (i % 101) + " was restored.\n",
                    StandardCharsets.UTF_8);
        }
        Embedder model = Embedders.named(Embedders.ALL_MINILM_L6_V2_Q, 0);
        DocumentPreparer preparer = IngestBench.preparer(model);
        try (RagIndex index = RagIndex.open(work.resolve("index"), model, preparer.pipelineVersion())) {
            SourceSynchronizer sync = new SourceSynchronizer(new Ingestion(preparer, index));
            DirectorySource source = new DirectorySource("notes", root);
            long t0 = System.nanoTime();
            SyncReport first = sync.sync(source, SyncProgress.NONE);
            System.out.printf(
                    Locale.ROOT,
                    "first sync: %d files, %d created, %d embedded, %d failed in %.1f s%n",
                    first.total(),
                    first.created(),
                    first.embedded(),
                    first.failed(),
                    (System.nanoTime() - t0) / 1e9);
            double[] idle = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime();
                SyncReport again = sync.sync(source, SyncProgress.NONE);
                idle[r] = (System.nanoTime() - t) / 1e6;
                if (again.unchanged() != files) {
                    throw new IllegalStateException("an idle sync changed something: " + again);
                }
            }
            double median = IngestBench.median(idle);
            System.out.printf(
                    Locale.ROOT,
                    "idle re-sync of %d files: median %.0f ms over %d rounds (%.3f ms per file); all: %s%n",
                    files,
                    median,
                    rounds,
                    median / files,
                    java.util.Arrays.stream(idle)
                            .mapToObj(v -> String.format(Locale.ROOT, "%.0f", v))
                            .toList());
        }
    }
}
