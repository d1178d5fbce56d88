package io.ragplatform.index.lucene;

import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.DocumentOutcome;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.UpsertResult;
import io.ragplatform.ingest.Chunk;
import io.ragplatform.ingest.PreparedDocument;
import io.ragplatform.ingest.PreparedUpload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What upserts change, decided from the uploads and the stored records of their sources alone: which documents are
 * created, updated, unchanged or deleted, which records to write and delete, which chunks are affected and which need
 * an embedding. Pure: no I/O, nothing written; the {@link ChunkReconciler} applies a plan.
 */
final class UpsertPlanner {
    private UpsertPlanner() {}

    /**
     * What one upload changes.
     *
     * @param outcomes each document's fate, embedding counts still 0
     * @param affected chunks whose entry may change: those of changed and deleted documents, old and new
     * @param chunkTexts the upload's distinct chunks
     * @param firstDocOfChunk per chunk, the upload's first document that holds it (the one an embedding counts for)
     */
    record UpsertPlan(
            List<DocumentOutcome> outcomes,
            List<DocumentRecord> toWrite,
            List<DocumentRecord> toDelete,
            Set<String> affected,
            Map<String, String> chunkTexts,
            Map<String, String> firstDocOfChunk) {
        boolean changes() {
            return !toWrite.isEmpty() || !toDelete.isEmpty();
        }

        /**
         * @param embeddedChunks the upload's chunks that got a new vector in the commit
         * @param embeddings embeddings computed for them
         */
        UpsertResult result(long version, Set<String> embeddedChunks, int embeddings) {
            Map<String, Integer> embeddedPerDoc = new HashMap<>();
            for (String id : embeddedChunks) {
                embeddedPerDoc.merge(firstDocOfChunk.get(id), 1, Integer::sum);
            }
            List<DocumentOutcome> withEmbedded = outcomes.stream()
                    .map(o -> o.withEmbedded(embeddedPerDoc.getOrDefault(o.documentId(), 0)))
                    .toList();
            return new UpsertResult(withEmbedded, version, embeddings, chunkTexts.size() - embeddedChunks.size());
        }
    }

    /**
     * Several uploads as one commit. Each upload is planned against the last commit, which is exact because they touch
     * disjoint documents (distinct sources); what they share, chunks, is reconciled once over all of them.
     *
     * @param firstUploadOfChunk per chunk, the first upload that holds it (the one an embedding counts for)
     * @param changedSources the sources of the uploads that change something
     */
    record BatchPlan(
            List<UpsertPlan> uploads,
            List<DocumentRecord> toWrite,
            List<DocumentRecord> toDelete,
            Set<String> affected,
            Map<String, String> chunkTexts,
            Map<String, Integer> firstUploadOfChunk,
            List<String> changedSources) {
        /**
         * Plans the uploads.
         *
         * @param stored the stored records of each upload's source, by sourceId
         * @param now the time to stamp on created and changed records
         */
        static BatchPlan of(List<PreparedUpload> uploads, Map<String, List<DocumentRecord>> stored, Instant now) {
            List<UpsertPlan> plans = new ArrayList<>(uploads.size());
            for (PreparedUpload u : uploads) {
                plans.add(plan(u, stored.getOrDefault(u.sourceId(), List.of()), now.toString()));
            }
            List<String> sources =
                    uploads.stream().map(PreparedUpload::sourceId).toList();
            List<DocumentRecord> toWrite = new ArrayList<>();
            List<DocumentRecord> toDelete = new ArrayList<>();
            Set<String> affected = new TreeSet<>();
            Map<String, String> chunkTexts = new HashMap<>();
            Map<String, Integer> firstUploadOfChunk = new HashMap<>();
            List<String> changed = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                UpsertPlan plan = plans.get(i);
                int index = i;
                plan.chunkTexts().forEach((id, text) -> {
                    chunkTexts.putIfAbsent(id, text);
                    firstUploadOfChunk.putIfAbsent(id, index);
                });
                if (plan.changes()) {
                    toWrite.addAll(plan.toWrite());
                    toDelete.addAll(plan.toDelete());
                    affected.addAll(plan.affected());
                    changed.add(sources.get(i));
                }
            }
            return new BatchPlan(plans, toWrite, toDelete, affected, chunkTexts, firstUploadOfChunk, changed);
        }

        boolean changes() {
            return !changedSources.isEmpty();
        }

        /** The texts of these chunks of the uploads. */
        Map<String, String> textsOf(List<String> ids) {
            Map<String, String> out = new HashMap<>();
            ids.forEach(id -> out.put(id, chunkTexts.get(id)));
            return out;
        }

        /** The commit's {@code change} description. */
        String change() {
            return changedSources.size() == 1
                    ? "upsert " + changedSources.get(0)
                    : "upsert " + changedSources.size() + " sources (first: " + changedSources.get(0) + ")";
        }

        /** The results when nothing changed. */
        List<UpsertResult> unchanged(long version) {
            return uploads.stream().map(p -> p.result(version, Set.of(), 0)).toList();
        }

        /**
         * The results, in the order of the uploads. An embedding counts for the first upload that holds its chunk;
         * later ones reuse it.
         *
         * @param embedded the chunks that got a new vector in the commit
         * @param precomputed the chunks embedded before the commit (each counts, used or not)
         */
        List<UpsertResult> results(long version, Set<String> embedded, Set<String> precomputed) {
            List<Set<String>> embeddedChunks = new ArrayList<>();
            int[] embeddings = new int[uploads.size()];
            uploads.forEach(p -> embeddedChunks.add(new HashSet<>()));
            for (String id : embedded) {
                Integer first = firstUploadOfChunk.get(id);
                if (first == null) {
                    continue; // an old chunk of a changed document, held by no upload
                }
                embeddedChunks.get(first).add(id);
                if (!precomputed.contains(id)) {
                    embeddings[first]++; // embedded late, under the lock
                }
            }
            for (String id : precomputed) {
                embeddings[firstUploadOfChunk.get(id)]++;
            }
            List<UpsertResult> results = new ArrayList<>(uploads.size());
            for (int i = 0; i < uploads.size(); i++) {
                results.add(uploads.get(i).result(version, embeddedChunks.get(i), embeddings[i]));
            }
            return results;
        }
    }

    /**
     * Refuses a batch in which two uploads name one source or hold one document: the one-commit plan relies on
     * uploads touching disjoint documents.
     *
     * @throws IllegalArgumentException if they do not
     */
    static void requireDisjoint(List<PreparedUpload> uploads) {
        Set<String> sources = new HashSet<>();
        Set<String> documents = new HashSet<>();
        for (PreparedUpload u : uploads) {
            if (!sources.add(u.sourceId())) {
                throw new IllegalArgumentException("two uploads of one batch name source '" + u.sourceId() + "'");
            }
            // document IDs derive from the sourceId, so this holds for prepared uploads
            for (String id : u.documents().stream()
                    .map(PreparedDocument::documentId)
                    .distinct()
                    .toList()) {
                if (!documents.add(id)) {
                    throw new IllegalArgumentException("two uploads of one batch hold document " + id);
                }
            }
        }
    }

    /** The uploads' distinct chunks and their texts, in order of first occurrence. */
    static Map<String, String> chunkTexts(List<PreparedUpload> uploads) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (PreparedUpload upload : uploads) {
            for (PreparedDocument d : upload.documents()) {
                for (Chunk c : d.chunks()) {
                    texts.putIfAbsent(c.id(), c.text());
                }
            }
        }
        return texts;
    }

    /**
     * What an upload changes.
     *
     * @param existing the stored records of the upload's source
     * @param now the time to stamp on created and changed records (ISO-8601 UTC)
     */
    static UpsertPlan plan(PreparedUpload upload, List<DocumentRecord> existing, String now) {
        Map<String, DocumentRecord> stored = new LinkedHashMap<>();
        existing.forEach(r -> stored.put(r.documentId(), r));
        List<DocumentOutcome> outcomes = new ArrayList<>();
        List<DocumentRecord> toWrite = new ArrayList<>();
        Set<String> affected = new TreeSet<>();
        Set<String> newIds = new HashSet<>();
        Map<String, String> chunkTexts = new LinkedHashMap<>();
        Map<String, String> firstDocOfChunk = new HashMap<>();
        for (PreparedDocument d : upload.documents()) {
            newIds.add(d.documentId());
            for (Chunk c : d.chunks()) {
                chunkTexts.putIfAbsent(c.id(), c.text());
                firstDocOfChunk.putIfAbsent(c.id(), d.documentId());
            }
            DocumentRecord old = stored.get(d.documentId());
            List<ChunkRef> refs = d.chunks().stream()
                    .map(c -> new ChunkRef(c.id(), c.charStart(), c.charEnd(), c.page()))
                    .toList();
            List<String> newChunkIds = refs.stream().map(ChunkRef::chunkId).toList();
            List<String> oldChunkIds = old == null
                    ? List.of()
                    : old.chunks().stream().map(ChunkRef::chunkId).toList();
            boolean root = d.path().isEmpty();
            String fileHash = root ? upload.fileHash() : null;
            long fileSize = root ? upload.fileSize() : 0;
            boolean contentChanged =
                    old == null || !old.contentHash().equals(d.contentHash()) || !oldChunkIds.equals(newChunkIds);
            // acl and licence are metadata, though in no hash: a change of them alone is an update without a new
            // version
            boolean metadataChanged = old == null
                    || !old.metadataHash().equals(d.metadataHash())
                    || !old.acl().equals(upload.acl())
                    || !old.license().equals(upload.license())
                    || !Objects.equals(old.parentDocumentId(), d.parentDocumentId());
            // same content under another pipeline or from other bytes: refresh the record, not the version
            // a record without the quality report (stored before it existed) gains it, without re-embedding
            boolean recordStale = old != null
                    && (!Objects.equals(old.fileHash(), fileHash)
                            || !Objects.equals(old.pipeline(), upload.pipeline())
                            || !Objects.equals(old.quality(), d.quality()));
            int version = old == null ? 1 : contentChanged ? old.version() + 1 : old.version();
            Set<String> oldSet = new HashSet<>(oldChunkIds);
            Set<String> newSet = new HashSet<>(newChunkIds);
            int added = (int)
                    newChunkIds.stream().filter(id -> !oldSet.contains(id)).count();
            int removed = (int)
                    oldChunkIds.stream().filter(id -> !newSet.contains(id)).count();
            DocumentOutcome.Status status = old == null
                    ? DocumentOutcome.Status.CREATED
                    : (contentChanged || metadataChanged)
                            ? DocumentOutcome.Status.UPDATED
                            : DocumentOutcome.Status.UNCHANGED;
            outcomes.add(new DocumentOutcome(
                    d.identity(),
                    version,
                    status,
                    d.contentHash(),
                    newChunkIds.size(),
                    added,
                    removed,
                    newChunkIds.size() - added,
                    0,
                    contentChanged,
                    metadataChanged));
            if (status != DocumentOutcome.Status.UNCHANGED || recordStale) {
                toWrite.add(new DocumentRecord(
                        d.identity(),
                        version,
                        d.contentHash(),
                        d.metadataHash(),
                        d.properties(),
                        d.metadata(),
                        upload.acl(),
                        upload.license(),
                        d.textLength(),
                        refs,
                        old == null ? now : old.ingestedAt(),
                        status == DocumentOutcome.Status.UNCHANGED ? old.updatedAt() : now,
                        fileHash,
                        fileSize,
                        upload.pipeline(),
                        d.pii(),
                        d.signature(),
                        d.quality()));
                if (status != DocumentOutcome.Status.UNCHANGED) {
                    affected.addAll(newSet);
                    affected.addAll(oldSet);
                }
            }
        }
        List<DocumentRecord> toDelete = new ArrayList<>();
        for (DocumentRecord old : stored.values()) {
            if (!newIds.contains(old.documentId())) {
                toDelete.add(old);
                old.chunks().forEach(c -> affected.add(c.chunkId()));
                outcomes.add(deleted(old));
            }
        }
        return new UpsertPlan(outcomes, toWrite, toDelete, affected, chunkTexts, firstDocOfChunk);
    }

    /** The distinct chunks of these documents, sorted. */
    static Set<String> chunksOf(List<DocumentRecord> documents) {
        Set<String> ids = new TreeSet<>();
        documents.forEach(r -> r.chunks().forEach(c -> ids.add(c.chunkId())));
        return ids;
    }

    /**
     * What deleting {@code doc} deletes among its source's documents: itself and the documents embedded in it (all of
     * the source for the file's own document).
     */
    static List<DocumentRecord> deletedWith(DocumentRecord doc, List<DocumentRecord> source) {
        return source.stream()
                .filter(r -> r.documentId().equals(doc.documentId())
                        || doc.path().isEmpty()
                        || r.path().startsWith(doc.path() + "/"))
                .toList();
    }

    /**
     * What makes an index that holds {@code current} hold exactly {@code target} (a shadow catching up with the index
     * it replaces).
     *
     * @param toWrite target records the index lacks or holds otherwise
     * @param toDelete records of the index the target lacks
     * @param affected chunks of those, old and new
     */
    record MirrorPlan(List<DocumentRecord> toWrite, List<DocumentRecord> toDelete, Set<String> affected) {}

    static MirrorPlan mirror(Map<String, DocumentRecord> target, List<DocumentRecord> current) {
        Map<String, DocumentRecord> mine = new HashMap<>();
        current.forEach(r -> mine.put(r.documentId(), r));
        Set<String> affected = new TreeSet<>();
        List<DocumentRecord> toWrite = new ArrayList<>();
        for (DocumentRecord r : target.values()) {
            DocumentRecord old = mine.get(r.documentId());
            if (!r.equals(old)) {
                toWrite.add(r);
                r.chunks().forEach(c -> affected.add(c.chunkId()));
                if (old != null) {
                    old.chunks().forEach(c -> affected.add(c.chunkId()));
                }
            }
        }
        List<DocumentRecord> toDelete = new ArrayList<>();
        for (DocumentRecord old : current) {
            if (!target.containsKey(old.documentId())) {
                toDelete.add(old);
                old.chunks().forEach(c -> affected.add(c.chunkId()));
            }
        }
        return new MirrorPlan(toWrite, toDelete, affected);
    }

    private static DocumentOutcome deleted(DocumentRecord old) {
        return new DocumentOutcome(
                old.identity(),
                old.version(),
                DocumentOutcome.Status.DELETED,
                old.contentHash(),
                0,
                0,
                old.chunks().size(),
                0,
                0,
                true,
                false);
    }
}
