package io.ragplatform.api;

import io.ragplatform.api.auth.CurrentCaller;
import io.ragplatform.eval.run.EvalRunner;
import io.ragplatform.eval.store.ErasedText;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.eval.store.RunRecord;
import io.ragplatform.index.ErasureResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Erases a source everywhere the service keeps it: the index (every retained version, {@link
 * io.ragplatform.index.RagIndex#erase}), the quarantine's record and kept bytes, the redaction maps, the near-duplicate
 * index, and the evaluation tables' copies of its text; then leaves a tombstone ({@link Tombstones}) that names the
 * runs it touched and refuses the same bytes under that sourceId from then on.
 */
@ApplicationScoped
public class ErasureService {
    @Inject
    RagEngine engine;

    @Inject
    QuarantineService quarantine;

    @Inject
    SourceWrites writes;

    @Inject
    EvalService eval;

    @Inject
    CurrentCaller caller;

    /** Erases the source; 404 when no retained version, merged-away delete or quarantine record holds anything of it. */
    Tombstones.Tombstone erase(String sourceId) {
        Params.required("sourceId", sourceId);
        ErasureResult r = engine.index().erase(sourceId);
        boolean quarantined = quarantine.erased(sourceId);
        if (r.empty() && !quarantined) {
            throw ApiException.notFound("nothing of sourceId '" + sourceId + "' is stored in any retained index version"
                    + " or the quarantine");
        }
        writes.deleted(sourceId);
        EvalStore store = eval.store();
        Set<String> sources = new TreeSet<>();
        r.documents().forEach(d -> sources.add(d.sourceId()));
        if (r.empty()) {
            sources.add(sourceId);
        }
        io.ragplatform.eval.store.ErasureResult scrubbed = store.erase(
                ErasedText.of(r.chunkIds(), sources, List.copyOf(r.texts().values())));
        List<Tombstones.AffectedRun> affected = affectedRuns(store, r, scrubbed);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Tombstones tombstones = engine.tombstones();
        Tombstones.Tombstone t = new Tombstones.Tombstone(
                tombstones.nextId(now.toEpochMilli()),
                sourceId,
                now.toString(),
                caller.get().name(),
                r.documents().stream()
                        .map(d ->
                                new Tombstones.ErasedDocument(d.documentId(), d.path(), d.contentHash(), d.fileHash()))
                        .toList(),
                List.copyOf(r.chunkIds()),
                r.droppedVersions(),
                r.releasedPins(),
                r.indexVersion(),
                affected,
                scrubbed.rowsScrubbed());
        tombstones.add(t);
        return t;
    }

    /**
     * The runs whose pinned version was dropped, and those whose results retrieved (or whose set judged) an erased chunk
     * or source, or whose stored text was scrubbed ({@code scrubbed.affectedRuns()}), in run ID order.
     */
    private static List<Tombstones.AffectedRun> affectedRuns(
            EvalStore store, ErasureResult r, io.ragplatform.eval.store.ErasureResult scrubbed) {
        Set<String> dropped = new TreeSet<>();
        r.releasedPins()
                .values()
                .forEach(holders -> holders.stream()
                        .filter(h -> h.startsWith(EvalRunner.PIN_PREFIX))
                        .map(h -> h.substring(EvalRunner.PIN_PREFIX.length()))
                        .forEach(dropped::add));
        if (!r.droppedVersions().isEmpty()) {
            for (String set : store.sets()) {
                for (RunRecord run : store.runs(set)) {
                    if (r.droppedVersions().contains(run.pins().indexVersion())) {
                        dropped.add(run.pins().runId());
                    }
                }
            }
        }
        java.util.SortedMap<String, List<String>> runs = new java.util.TreeMap<>(scrubbed.affectedRuns());
        dropped.forEach(id -> runs.putIfAbsent(id, List.of()));
        List<Tombstones.AffectedRun> out = new ArrayList<>();
        runs.forEach((runId, ids) -> out.add(new Tombstones.AffectedRun(
                runId, ids.stream().filter(r.chunkIds()::contains).toList(), dropped.contains(runId))));
        return out;
    }
}
