package io.ragplatform.spark;

import io.ragplatform.eval.corpus.CorpusTables;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.index.Ingestion;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.sync.DirectorySource;
import io.ragplatform.index.sync.SourceSynchronizer;
import io.ragplatform.index.sync.SyncProgress;
import io.ragplatform.index.sync.SyncReport;
import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.Canonicalizer;
import io.ragplatform.ingest.Chunker;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.ExtractionLimits;
import io.ragplatform.ingest.Extractors;
import io.ragplatform.ingest.LanguageDetector;
import io.ragplatform.ingest.OcrOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The service's path, without the HTTP layer: a directory source synced into a Lucene index by {@link
 * SourceSynchronizer} through {@link Ingestion}, with the preparer {@code RagEngine} builds (in-process Tika, which
 * gives the forked parser's documents), and each index version exported to the corpus tables by {@link CorpusTables}.
 */
final class ServiceCorpus implements AutoCloseable {
    final RagIndex index;
    private final SourceSynchronizer synchronizer;
    private final CorpusTables tables;

    ServiceCorpus(Path dataDir) {
        Embedder embedder = Embedders.named(SparkTests.MODEL, 0);
        Canonicalizer canonicalizer = Canonicalizer.standard();
        DocumentPreparer preparer = new DocumentPreparer(
                Extractors.tika(ExtractionLimits.DEFAULTS, OcrOptions.auto()),
                canonicalizer,
                Chunker.structural(embedder.tokenCounter(), embedder.maxTokens() - 2, canonicalizer.hashVersion()),
                LanguageDetector.tika());
        this.index = RagIndex.open(dataDir.resolve("index"), embedder, preparer.pipelineVersion());
        this.synchronizer = new SourceSynchronizer(new Ingestion(preparer, index));
        this.tables = CorpusTables.local(dataDir.resolve("warehouse"));
    }

    /** Syncs the directory as source {@code name} and exports the index version it leaves. */
    SyncReport syncAndExport(String name, Path dir) {
        return syncAndExport(name, dir, null);
    }

    /** The same, every file of the source of licence {@code license} (null: the default). */
    SyncReport syncAndExport(String name, Path dir, String license) {
        SyncReport report =
                synchronizer.sync(new DirectorySource(name, dir, Acl.PUBLIC_ONLY, license), SyncProgress.NONE);
        tables.export(index, index.stats().indexVersion());
        return report;
    }

    @Override
    public void close() throws IOException {
        tables.close();
        index.close();
    }
}
