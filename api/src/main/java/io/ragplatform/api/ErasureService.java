package io.ragplatform.api;

import io.ragplatform.api.auth.CurrentCaller;
import io.ragplatform.eval.run.EvalRunner;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.eval.store.QueryResultRecord;
import io.ragplatform.eval.store.Relevance;
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
        List<Tombstones.AffectedRun> affected = affectedRuns(store, r);
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
                0);
        tombstones.add(t);
        return t;
    }

    /**
     * The runs whose pinned version was dropped, or whose results retrieved (or whose set judged) an erased chunk or
     * document: every run of every set is read, an erasure being rare and its completeness what matters.
     */
    private static List<Tombstones.AffectedRun> affectedRuns(EvalStore store, ErasureResult r) {
        Set<String> dropped = new TreeSet<>();
        r.releasedPins()
                .values()
                .forEach(holders -> holders.stream()
                        .filter(h -> h.startsWith(EvalRunner.PIN_PREFIX))
                        .map(h -> h.substring(EvalRunner.PIN_PREFIX.length()))
                        .forEach(dropped::add));
        List<Tombstones.AffectedRun> out = new ArrayList<>();
        for (String set : store.sets()) {
            for (RunRecord run : store.runs(set)) {
                Set<String> hit = new TreeSet<>();
                for (QueryResultRecord q : store.results(run.pins().runId())) {
                    q.retrievedChunkIds().stream()
                            .filter(r.chunkIds()::contains)
                            .forEach(hit::add);
                }
                for (EvalItem item : store.items(set, run.pins().setVersion())) {
                    for (Relevance rel : item.relevant()) {
                        if (rel.chunkId() != null && r.chunkIds().contains(rel.chunkId())) {
                            hit.add(rel.chunkId());
                        }
                    }
                }
                boolean pinDropped = dropped.contains(run.pins().runId())
                        || r.droppedVersions().contains(run.pins().indexVersion());
                if (!hit.isEmpty() || pinDropped) {
                    out.add(new Tombstones.AffectedRun(run.pins().runId(), List.copyOf(hit), pinDropped));
                }
            }
        }
        return out;
    }
}
