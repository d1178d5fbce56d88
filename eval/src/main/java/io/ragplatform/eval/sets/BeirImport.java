package io.ragplatform.eval.sets;

import io.ragplatform.error.RagException;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.index.Ingestion;
import io.ragplatform.index.sync.SyncProgress;
import io.ragplatform.ingest.Acl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Imports a BEIR dataset: its corpus becomes documents (sourceId = the BEIR document ID, text = title, blank line,
 * text), ingested in batches of one index commit each; then the chosen split's judged queries become the next version
 * of an eval set (or stay the newest one, when it holds the same items). Re-importing the same corpus embeds nothing (unchanged files are skipped without parsing). A document
 * that cannot be stored (e.g. empty) is reported through the progress listener and does not stop the import.
 *
 * <p>Use in two steps, so that a bad archive is refused before any work starts: {@link #open} reads and checks the
 * queries and qrels; {@link #run} ingests and creates the set version.
 */
public final class BeirImport implements AutoCloseable {
    /** Documents per index commit. */
    public static final int DEFAULT_BATCH = 200;

    private final BeirArchive archive;
    private final BeirSet set;
    private final long corpusSize;

    private BeirImport(BeirArchive archive, BeirSet set, long corpusSize) {
        this.archive = archive;
        this.set = set;
        this.corpusSize = corpusSize;
    }

    /**
     * Opens and checks an archive: the split (null: {@code test}, else the only one), its queries and judgments, and
     * every corpus line.
     *
     * @throws RagException {@code invalid_archive} if the archive is not a readable BEIR dataset, naming what is wrong
     */
    public static BeirImport open(Path zip, String split) throws IOException {
        BeirArchive archive = BeirArchive.open(zip);
        try {
            BeirSet set = archive.read(split);
            if (set.items().isEmpty()) {
                throw RagException.invalid(
                        BeirArchive.ERROR,
                        "split '" + set.split() + "' has no judged query with text; nothing to evaluate");
            }
            return new BeirImport(archive, set, archive.corpusSize());
        } catch (IOException | RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    /** The split's items and what reading them found. */
    public BeirSet set() {
        return set;
    }

    public long corpusSize() {
        return corpusSize;
    }

    /**
     * Ingests the corpus in batches, then stores the items as the next version of {@code setName}.
     *
     * @param acl who may read the corpus's documents (a list of groups, or {@code ["public"]})
     * @param workDir where each batch's documents are written as text files for the ingest pipeline (deleted after)
     * @param progress told the corpus size, then each document's outcome
     * @param phase told what is under way, e.g. {@code "embedding and storing documents 201-400 of 5183"}
     */
    public EvalStore.StoredVersion run(
            String setName,
            Ingestion ingestion,
            List<String> acl,
            EvalStore store,
            Path workDir,
            int batchSize,
            SyncProgress progress,
            java.util.function.Consumer<String> phase)
            throws IOException {
        Objects.requireNonNull(setName, "setName");
        List<String> readers = Acl.of(acl);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1; was " + batchSize);
        }
        progress.started((int) Math.min(Integer.MAX_VALUE, corpusSize));
        Path dir = Files.createDirectories(workDir).resolve("beir-" + java.util.UUID.randomUUID());
        Files.createDirectories(dir);
        try (Stream<BeirDocument> docs = archive.corpus()) {
            Iterator<BeirDocument> it = docs.iterator();
            List<Ingestion.FileToIngest> batch = new ArrayList<>(batchSize);
            int n = 0;
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (it.hasNext()) {
                BeirDocument d = it.next();
                if (!seen.add(d.id())) {
                    progress.failed(
                            d.id(),
                            "duplicate_document",
                            "corpus.jsonl lists document '" + d.id() + "' more than once; the first is stored");
                    continue;
                }
                Path file = dir.resolve((n++) + ".txt");
                Files.writeString(file, d.asText(), StandardCharsets.UTF_8);
                batch.add(new Ingestion.FileToIngest(file, d.id() + ".txt", d.id(), Map.of(), readers));
                if (batch.size() == batchSize) {
                    phase.accept("embedding and storing documents " + (n - batch.size() + 1) + "-" + n + " of "
                            + corpusSize);
                    store(ingestion, batch, progress);
                }
            }
            phase.accept("embedding and storing documents " + (n - batch.size() + 1) + "-" + n + " of " + corpusSize);
            store(ingestion, batch, progress);
        } finally {
            deleteTree(dir);
        }
        phase.accept("creating version of eval set '" + setName + "'");
        return store.storeVersion(setName, set.items());
    }

    private static void store(Ingestion ingestion, List<Ingestion.FileToIngest> batch, SyncProgress progress)
            throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<Ingestion.BatchOutcome> outcomes = ingestion.ingestAll(batch);
        for (int i = 0; i < outcomes.size(); i++) {
            Ingestion.BatchOutcome o = outcomes.get(i);
            if (o.stored()) {
                progress.stored(o.sourceId(), o.result());
            } else {
                // the document's text file is still there: a listener may keep it (a quarantine)
                progress.rejected(o.sourceId(), batch.get(i).file(), o.rejection());
            }
        }
        for (Ingestion.FileToIngest f : batch) {
            Files.deleteIfExists(f.file());
        }
        batch.clear();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + dir, e);
        }
    }

    @Override
    public void close() throws IOException {
        archive.close();
    }
}
