package io.ragplatform.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.ragplatform.index.ErasedFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What erasures leave behind: one tombstone per erasure, in {@code <data>/erasures/tombstones.jsonl} (append-only,
 * never rewritten), holding hashes and IDs but no text. They refuse the erased bytes under their sourceId
 * ({@link ErasedFiles}) and mark the evaluation runs the erasure touched. Thread-safe.
 */
final class Tombstones implements ErasedFiles {
    /** A document an erasure removed: its ID and the hashes of its canonical text and of its file's bytes. */
    public record ErasedDocument(String documentId, String path, String contentHash, String fileHash) {}

    /**
     * A run whose pinned version or results held erased chunks: it keeps its numbers, and says so.
     *
     * @param chunkIds the erased chunks its results retrieved or its set judged
     * @param pinnedVersionDropped whether the index version it was pinned to held erased text and was dropped
     */
    public record AffectedRun(String runId, List<String> chunkIds, boolean pinnedVersionDropped) {}

    /**
     * One erasure.
     *
     * @param id {@code erasure-<millis>-<n>}
     * @param by the name of the API key that erased (never the key)
     * @param indexVersion the version the erasure committed
     * @param evalRowsRewritten the evaluation table rows whose text fields were replaced by {@code [erased]}
     */
    @JsonPropertyOrder({
        "id",
        "sourceId",
        "erasedAt",
        "by",
        "documents",
        "chunkIds",
        "droppedVersions",
        "releasedPins",
        "indexVersion",
        "affectedRuns",
        "evalRowsRewritten"
    })
    public record Tombstone(
            String id,
            String sourceId,
            String erasedAt,
            String by,
            List<ErasedDocument> documents,
            List<String> chunkIds,
            List<Long> droppedVersions,
            Map<Long, List<String>> releasedPins,
            long indexVersion,
            List<AffectedRun> affectedRuns,
            int evalRowsRewritten) {}

    private final JsonLinesLog<Tombstone> log;
    private final List<Tombstone> all = new ArrayList<>();
    private final Map<String, List<Tombstone>> bySource = new HashMap<>();

    Tombstones(Path dir) {
        this.log = new JsonLinesLog<>(dir.resolve("tombstones.jsonl"), Tombstone.class);
        List<Tombstone> stored = new ArrayList<>(log.recent(Integer.MAX_VALUE));
        Collections.reverse(stored);
        stored.forEach(this::index);
    }

    private void index(Tombstone t) {
        all.add(t);
        bySource.computeIfAbsent(t.sourceId(), s -> new ArrayList<>()).add(t);
    }

    synchronized void add(Tombstone t) {
        log.append(t);
        index(t);
    }

    /** Every erasure, oldest first. */
    synchronized List<Tombstone> all() {
        return List.copyOf(all);
    }

    synchronized Optional<Tombstone> get(String id) {
        return all.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The erasures that touched this run, oldest first. */
    synchronized List<Tombstone> affecting(String runId) {
        return all.stream()
                .filter(t -> t.affectedRuns().stream().anyMatch(a -> a.runId().equals(runId)))
                .toList();
    }

    /** A new erasure's ID: its time and its position among the erasures. */
    synchronized String nextId(long millis) {
        return "erasure-" + millis + "-" + (all.size() + 1);
    }

    @Override
    public Optional<String> erasure(String sourceId, Supplier<String> fileHash) {
        List<Tombstone> ts;
        synchronized (this) {
            ts = bySource.get(sourceId);
            if (ts == null) {
                return Optional.empty();
            }
            ts = List.copyOf(ts);
        }
        String hash = fileHash.get();
        for (Tombstone t : ts) {
            if (t.documents().stream().anyMatch(d -> hash.equals(d.fileHash()))) {
                return Optional.of("this file's bytes were stored under sourceId '" + sourceId + "' and erased ("
                        + t.id() + " at " + t.erasedAt() + " by " + t.by()
                        + "); they are not stored again: a changed file is");
            }
        }
        return Optional.empty();
    }
}
