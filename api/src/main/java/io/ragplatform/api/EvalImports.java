package io.ragplatform.api;

import io.ragplatform.eval.sets.BeirArchive;
import io.ragplatform.eval.sets.BeirImport;
import io.ragplatform.eval.sets.BeirSet;
import io.ragplatform.eval.sets.ChatLogSetBuilder;
import io.ragplatform.eval.sets.ChatLogSplit;
import io.ragplatform.eval.store.EvalSetVersion;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.eval.store.EvalStores;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipException;
import org.jboss.logging.Logger;

/** Eval sets made from other material: a BEIR dataset zip (a job: its corpus is ingested) and a chat/query log. */
@ApplicationScoped
public class EvalImports {
    private static final Logger LOG = Logger.getLogger(EvalImports.class);

    private final RagEngine engine;
    private final QuarantineService quarantine;
    private final EvalService eval;
    private final Jobs jobs;
    private final RagConfig.Eval config;

    EvalImports(RagEngine engine, QuarantineService quarantine, EvalService eval, Jobs jobs, RagConfig config) {
        this.engine = engine;
        this.quarantine = quarantine;
        this.eval = eval;
        this.jobs = jobs;
        this.config = config.eval();
    }

    /**
     * Checks the archive now (a bad one is a 400 before any work), then ingests its corpus and creates the set in a
     * job of that owner (a caller's name), its documents readable by {@code acl}; waits for the job up to {@code rag.eval.import-wait}.
     */
    public Job beir(String name, Path upload, String split, List<String> acl, String owner) {
        EvalStores.checkSetName(name);
        EvalStore store = eval.store();
        // kept under the jobs until the job ends, so that an interrupted import can be resumed
        Path zip = jobs.keptFile("beir-" + UUID.randomUUID() + ".zip");
        String theSplit = split == null || split.isBlank() ? null : split.strip();
        BeirImport beir;
        try {
            Files.move(upload, zip, StandardCopyOption.REPLACE_EXISTING);
            beir = open(zip, theSplit);
        } catch (IOException e) {
            deleteQuietly(zip);
            throw new UncheckedIOException("cannot keep the uploaded archive", e);
        } catch (RuntimeException e) {
            deleteQuietly(zip);
            throw e;
        }
        Map<String, String> params = new TreeMap<>();
        params.put("set", name);
        if (theSplit != null) {
            params.put("split", theSplit);
        }
        params.put("acl", Json.write(acl));
        params.put(Jobs.FILE, zip.toString());
        Job job = jobs.start("beir-import", name, owner, params, j -> importInto(name, beir, acl, store, j));
        job.await(config.importWait());
        return job;
    }

    /**
     * Resumes an interrupted BEIR import from its kept archive: the corpus is ingested again (documents stored before
     * are unchanged and embed nothing) and the set's newest version is reused when it already holds the same items.
     */
    public Job resumeBeir(Job interrupted) {
        Map<String, String> p = interrupted.params();
        Path zip = Path.of(p.get(Jobs.FILE));
        if (!Files.isRegularFile(zip)) {
            throw new ApiException(
                    "job_not_resumable",
                    io.ragplatform.error.ErrorCategory.CONFLICT,
                    "the archive of BEIR import " + interrupted.id() + " is no longer kept; import it again");
        }
        String name = p.get("set");
        List<String> acl = AclField.parse(p.get("acl"));
        EvalStore store = eval.store();
        BeirImport beir = open(zip, p.get("split"));
        try {
            return jobs.restart(interrupted, j -> importInto(name, beir, acl, store, j));
        } catch (RuntimeException e) {
            closeQuietly(beir);
            throw e;
        }
    }

    private static BeirImport open(Path zip, String split) {
        try {
            return BeirImport.open(zip, split);
        } catch (ZipException e) {
            // a zip whose entries cannot be read (the archive's own checks say what else is wrong with it)
            throw ApiException.badRequest(
                    BeirArchive.ERROR, "the file is not a readable zip archive: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded archive", e);
        }
    }

    private void importInto(String name, BeirImport beir, List<String> acl, EvalStore store, Job j) {
        BeirSet set = beir.set();
        try (beir) {
            EvalStore.StoredVersion stored = beir.run(
                    name,
                    engine.ingestion(),
                    acl,
                    store,
                    engine.dataDir().resolve("tmp"),
                    BeirImport.DEFAULT_BATCH,
                    quarantine.recording(j, QuarantineStore.BEIR, name, acl),
                    j::phase);
            EvalSetVersion version = stored.version();
            j.result(new EvalViews.BeirResult(
                    name,
                    version.version(),
                    version.snapshotId(),
                    version.items(),
                    !stored.created(),
                    set.split(),
                    (int) beir.corpusSize(),
                    notes(set.report())));
            LOG.infof(
                    "BEIR import into '%s' v%d: %d queries (split %s), %d corpus documents",
                    name, version.version(), version.items(), set.split(), beir.corpusSize());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the archive failed: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(BeirImport beir) {
        try {
            beir.close();
        } catch (IOException e) {
            LOG.warnf("cannot close a BEIR archive: %s", e.getMessage());
        }
    }

    private static List<String> notes(BeirSet.Report r) {
        List<String> notes = new ArrayList<>();
        if (r.missingQueries() > 0) {
            notes.add(r.missingQueries() + " judged queries are missing from queries.jsonl (e.g. "
                    + r.missingQueryExamples() + ")");
        }
        if (r.blankQueries() > 0) {
            notes.add(r.blankQueries() + " judged queries have no text (e.g. " + r.blankQueryExamples() + ")");
        }
        if (r.unknownDocumentRows() > 0) {
            notes.add(r.unknownDocumentRows() + " judgments name documents absent from the corpus (e.g. "
                    + r.unknownDocumentExamples() + "); they count as relevant and can never be retrieved");
        }
        if (r.itemsWithoutPositive() > 0) {
            notes.add(r.itemsWithoutPositive() + " queries have no judgment above 0; they score 0 on every metric");
        }
        if (r.duplicateJudgments() > 0) {
            notes.add(r.duplicateJudgments() + " repeated judgments; the highest grade was kept");
        }
        return notes;
    }

    /** The two sets a chat log becomes, and what building them found. */
    public record ChatLogView(
            EvalViews.SetVersionView dev, EvalViews.SetVersionView test, ChatLogSplit.Report report) {}

    /** Builds dev and test sets from a chat/query log: {@code <name>-dev} and {@code <name>-test}, next versions. */
    public ChatLogView chatLog(String name, String body, ChatLogSetBuilder.Options options) {
        EvalStores.checkSetName(name + "-dev");
        EvalStores.checkSetName(name + "-test");
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest(
                    ChatLogSetBuilder.ERROR,
                    "the body is empty: send one JSON object per line "
                            + "({\"query\", \"answer\"?, \"cited\"?: [chunkId...], \"timestamp\"?})");
        }
        ChatLogSplit split;
        try {
            split = new ChatLogSetBuilder(options).build(new StringReader(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (split.dev().isEmpty() && split.test().isEmpty()) {
            throw ApiException.badRequest(
                    ChatLogSetBuilder.ERROR,
                    "no valid query in the log: " + split.report().invalidLines() + " invalid lines, e.g. "
                            + split.report().invalidExamples());
        }
        EvalStore store = eval.store();
        EvalViews.SetVersionView dev = split.dev().isEmpty()
                ? null
                : EvalViews.SetVersionView.of(store.storeVersion(name + "-dev", split.dev()));
        EvalViews.SetVersionView test = split.test().isEmpty()
                ? null
                : EvalViews.SetVersionView.of(store.storeVersion(name + "-test", split.test()));
        return new ChatLogView(dev, test, split.report());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", file, e.getMessage());
        }
    }
}
