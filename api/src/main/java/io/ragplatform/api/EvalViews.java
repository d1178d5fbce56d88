package io.ragplatform.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.ragplatform.eval.grounded.ClaimScore;
import io.ragplatform.eval.metrics.ConfidenceInterval;
import io.ragplatform.eval.run.RunCounts;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.EvalSetVersion;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.eval.store.QueryResultRecord;
import io.ragplatform.eval.store.RunPins;
import io.ragplatform.eval.store.RunRecord;
import io.ragplatform.eval.store.SetDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the evaluation API. */
public final class EvalViews {
    private EvalViews() {}

    /** A set version; {@code unchanged} is true when a write found the newest version already holding its items. */
    public record SetVersionView(
            String name, int version, long snapshotId, int items, String createdAt, String tag, Boolean unchanged) {
        static SetVersionView of(EvalSetVersion v) {
            return new SetVersionView(v.name(), v.version(), v.snapshotId(), v.items(), v.createdAt(), v.tag(), null);
        }

        static SetVersionView of(EvalStore.StoredVersion stored) {
            EvalSetVersion v = stored.version();
            return new SetVersionView(
                    v.name(), v.version(), v.snapshotId(), v.items(), v.createdAt(), v.tag(), !stored.created());
        }
    }

    public record SetView(String name, int latest, List<SetVersionView> versions) {}

    public record SetsView(List<SetView> sets, String store) {}

    public record SetItemsView(String name, int version, long snapshotId, String createdAt, List<EvalItem> items) {}

    public record DiffView(
            String name, int from, int to, List<String> added, List<String> removed, List<String> changed) {
        static DiffView of(String name, int from, int to, SetDiff d) {
            return new DiffView(name, from, to, d.added(), d.removed(), d.changed());
        }
    }

    /**
     * A run with every pin: set version and snapshot, index version, model, pipeline, mode, k ({@link RunPins}, at the
     * top level), and its full config as JSON rather than the string it is stored as.
     */
    /**
     * A run: its pins, configuration, metrics and counts; whether its index version can still be searched; for a
     * re-run, the run it repeats, whether the retrieval metrics came out identical and by how much each metric moved;
     * when an erasure touched it, which ({@link ErasureMark}).
     */
    public record RunView(
            @JsonUnwrapped @JsonIgnoreProperties("configJson")
            RunPins pins,

            Object config,
            Map<String, Double> metrics,
            Map<String, ConfidenceInterval> ci,
            RunCounts counts,
            boolean indexVersionRetained,
            String rerunOf,
            Boolean identicalRetrievalMetrics,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> difference,
            @JsonInclude(JsonInclude.Include.NON_NULL) ErasureMark affectedByErasure)
            implements JobResult {
        static RunView of(RunRecord r, RunCounts counts, java.util.Set<Long> retained) {
            return of(r, counts, retained, null, null);
        }

        static RunView of(
                RunRecord r, RunCounts counts, java.util.Set<Long> retained, String rerunOf, Boolean identical) {
            RunPins p = r.pins();
            return new RunView(
                    p,
                    parse(p.configJson()),
                    r.metrics(),
                    r.ci(),
                    counts,
                    retained.contains(p.indexVersion()),
                    rerunOf,
                    identical,
                    null,
                    null);
        }

        /** This view with each metric's change against {@code original} (this run's value less the original's). */
        RunView against(Map<String, Double> original) {
            Map<String, Double> diff = new java.util.TreeMap<>();
            metrics.forEach((name, value) -> {
                Double before = original.get(name);
                if (before != null && value != null) {
                    diff.put(name, value - before);
                }
            });
            return with(diff, affectedByErasure);
        }

        /** This view marked with the erasures that touched the run, or as it is when none did. */
        RunView erasedBy(List<Tombstones.Tombstone> erasures) {
            ErasureMark mark = ErasureMark.of(pins.runId(), erasures);
            return mark == null ? this : with(difference, mark);
        }

        private RunView with(Map<String, Double> difference, ErasureMark mark) {
            return new RunView(
                    pins,
                    config,
                    metrics,
                    ci,
                    counts,
                    indexVersionRetained,
                    rerunOf,
                    identicalRetrievalMetrics,
                    difference,
                    mark);
        }
    }

    /**
     * The erasures that touched a run: it keeps its numbers, but its pinned version (when dropped) can no longer be
     * searched and the erased chunks it retrieved or judged are gone; a re-run runs on the current version.
     *
     * @param erasures the tombstone IDs, oldest first
     * @param chunkIds the erased chunks its results retrieved or its set judged
     * @param pinnedVersionDropped whether its pinned index version was dropped by an erasure
     */
    public record ErasureMark(List<String> erasures, List<String> chunkIds, boolean pinnedVersionDropped) {
        static ErasureMark of(String runId, List<Tombstones.Tombstone> erasures) {
            List<String> ids = new ArrayList<>();
            java.util.Set<String> chunks = new java.util.TreeSet<>();
            boolean dropped = false;
            for (Tombstones.Tombstone t : erasures) {
                for (Tombstones.AffectedRun a : t.affectedRuns()) {
                    if (a.runId().equals(runId)) {
                        ids.add(t.id());
                        chunks.addAll(a.chunkIds());
                        dropped |= a.pinnedVersionDropped();
                    }
                }
            }
            return ids.isEmpty() ? null : new ErasureMark(ids, List.copyOf(chunks), dropped);
        }
    }

    public record RunsView(String set, List<RunView> runs) {}

    public record RetrievedView(int rank, String chunkId, Double score) {}

    public record ResultView(
            String id,
            String query,
            List<RetrievedView> retrieved,
            List<String> retrievedSources,
            Map<String, Double> metrics,
            Double groundedness,
            Double support,
            List<String> unsupportedClaims,
            List<ClaimScore> claims,
            String evidence) {
        static ResultView of(QueryResultRecord r) {
            List<RetrievedView> retrieved =
                    new ArrayList<>(r.retrievedChunkIds().size());
            for (int i = 0; i < r.retrievedChunkIds().size(); i++) {
                retrieved.add(new RetrievedView(
                        i + 1,
                        r.retrievedChunkIds().get(i),
                        r.retrievedScores() == null ? null : r.retrievedScores().get(i)));
            }
            return new ResultView(
                    r.itemId(),
                    r.query(),
                    retrieved,
                    r.retrievedSourceIds(),
                    r.metrics(),
                    r.groundedness(),
                    r.support(),
                    r.unsupportedClaims(),
                    r.claims(),
                    r.evidence());
        }
    }

    public record ResultsView(String runId, int count, List<ResultView> results) {}

    /** A job's answer (BEIR import, asynchronous run): when done, the job's {@code result} is a {@link BeirResult} or a {@link RunView}. */
    public record ImportView(String jobId, String state, Views.JobView job) {}

    public record BeirResult(
            String set,
            int version,
            long snapshotId,
            int items,
            boolean setUnchanged,
            String split,
            int corpusDocuments,
            List<String> notes)
            implements JobResult {}

    static Object parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
