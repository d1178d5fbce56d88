package io.ragplatform.index.lucene;

import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.lucene.Schema.StoredChunk;
import io.ragplatform.ingest.TextLanguages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;

/**
 * Keeps chunk entries in step with document entries: the one rule, for upserts, deletes and model-change rebuilds
 * alike, by which a change of documents writes, keeps and deletes chunk entries. After a change, an affected chunk
 * (one that a written or deleted document references, before or after) that no document references any more is
 * deleted; one still referenced gets a vector of the current model if it has none, and is rewritten when its vector or
 * filter terms change; any other is left as it is.
 *
 * <p>Writes go to the writer uncommitted; the caller commits (or rolls back) them all together with the document
 * entries this class also writes.
 */
final class ChunkReconciler {
    /** Texts sent to the model in one call when chunks need vectors under the write lock. */
    static final int EMBED_BATCH = 64;
    /** The progress callback of a write no one follows (everything but a rebuild). */
    static final IntConsumer NO_PROGRESS = n -> {};

    /** What a change does to one affected chunk entry. */
    enum Action {
        /** Neither stored nor referenced: nothing to do. */
        NONE,
        /** Stored, and no document references it any more. */
        DELETE,
        /** Stored with a vector of the current model and the same filter terms. */
        KEEP,
        /** Stored with a vector of the current model; its filter terms change. */
        REFILTER,
        /** Referenced, and stored without a vector of the current model (or not stored): needs one. */
        EMBED
    }

    /**
     * What a change did.
     *
     * @param embedded chunks that got a new vector (from {@code precomputed} or embedded here)
     * @param embeddedHere of those, the ones embedded by this call
     */
    record Result(
            Set<String> embedded,
            int embeddedHere,
            int chunksAdded,
            int chunksRemoved,
            int documentsAdded,
            int documentsRemoved) {
        int chunkDelta() {
            return chunksAdded - chunksRemoved;
        }

        int documentDelta() {
            return documentsAdded - documentsRemoved;
        }
    }

    private final IndexWriter writer;
    private final Embedder embedder;

    ChunkReconciler(IndexWriter writer, Embedder embedder) {
        this.writer = writer;
        this.embedder = embedder;
    }

    /** The rule, for one chunk: what becomes of its entry given who references it after the change. */
    static Action decide(boolean referenced, StoredChunk stored, String modelId, Set<String> filterKeys) {
        if (!referenced) {
            return stored == null ? Action.NONE : Action.DELETE;
        }
        if (stored == null || !stored.model().equals(modelId)) {
            return Action.EMBED;
        }
        return stored.filterKeys().equals(filterKeys) ? Action.KEEP : Action.REFILTER;
    }

    /** Deletes these document entries and every chunk entry that only they referenced. */
    Result delete(IndexSearcher searcher, List<DocumentRecord> docs) throws IOException {
        return apply(
                searcher,
                List.of(),
                docs,
                UpsertPlanner.chunksOf(docs),
                ChunkVectors.NONE,
                ids -> Map.of(),
                NO_PROGRESS);
    }

    /**
     * Writes {@code toWrite} and deletes {@code toDelete} (document entries), and reconciles the {@code affected}
     * chunk entries with the result, as read through {@code searcher} (the state before the change).
     *
     * @param precomputed vectors already computed for some chunks, of the current model or of language models; the
     *     others that a chunk needs are embedded here, {@value #EMBED_BATCH} at a time
     * @param texts the texts of chunks that need a vector and have no chunk entry
     * @param embeddedSoFar told the number of chunks embedded here so far, after each batch ({@link #NO_PROGRESS}
     *     where no one follows)
     */
    Result apply(
            IndexSearcher searcher,
            List<DocumentRecord> toWrite,
            List<DocumentRecord> toDelete,
            Collection<String> affected,
            ChunkVectors precomputed,
            Function<List<String>, Map<String, String>> texts,
            IntConsumer embeddedSoFar)
            throws IOException {
        Set<String> replaced = new HashSet<>();
        toWrite.forEach(r -> replaced.add(r.documentId()));
        toDelete.forEach(r -> replaced.add(r.documentId()));
        Map<String, List<DocumentRecord>> written = referrersByChunk(toWrite);

        // decide, per affected chunk, before touching the writer
        List<Plan> plans = new ArrayList<>();
        List<Plan> toEmbed = new ArrayList<>();
        for (String id : affected) {
            List<DocumentRecord> referrers = new ArrayList<>();
            for (DocumentRecord r : Schema.loadDocuments(searcher, Schema.referencing(id))) {
                if (!replaced.contains(r.documentId())) {
                    referrers.add(r);
                }
            }
            referrers.addAll(written.getOrDefault(id, List.of()));
            StoredChunk stored = Schema.loadChunk(searcher, id);
            Set<String> keys = referrers.isEmpty() ? Set.of() : FilterKeys.of(referrers);
            Plan p = new Plan(id, stored, keys, decide(!referrers.isEmpty(), stored, embedder.modelId(), keys));
            plans.add(p);
            if (p.action() == Action.EMBED && !precomputed.primary().containsKey(id)) {
                toEmbed.add(p);
            }
        }

        Map<String, Map<String, float[]>> languageVectors = new HashMap<>();
        Set<String> extended = languageVectors(plans, texts, precomputed, languageVectors);

        Set<String> embedded = new HashSet<>();
        int added = 0;
        int removed = 0;
        for (int from = 0; from < toEmbed.size(); from += EMBED_BATCH) {
            List<Plan> batch = toEmbed.subList(from, Math.min(toEmbed.size(), from + EMBED_BATCH));
            List<String> inOrder = textsOf(batch, texts);
            List<float[]> vectors = ChunkVectors.embedAll(embedder, inOrder);
            for (int i = 0; i < batch.size(); i++) {
                Plan p = batch.get(i);
                write(p.id(), inOrder.get(i), vectors.get(i), p.keys(), languageVectors);
                embedded.add(p.id());
                added += p.stored() == null ? 1 : 0;
            }
            embeddedSoFar.accept(from + batch.size());
        }
        for (Plan p : plans) {
            switch (p.action()) {
                case NONE -> {}
                case KEEP -> {
                    if (extended.contains(p.id())) {
                        write(p.id(), p.stored().text(), p.stored().vector(), p.keys(), languageVectors);
                    }
                }
                case DELETE -> {
                    writer.deleteDocuments(Schema.chunkKey(p.id()));
                    removed++;
                }
                case REFILTER -> write(p.id(), p.stored().text(), p.stored().vector(), p.keys(), languageVectors);
                case EMBED -> {
                    float[] vector = precomputed.primary().get(p.id());
                    if (vector != null) {
                        write(p.id(), textsOf(List.of(p), texts).get(0), vector, p.keys(), languageVectors);
                        embedded.add(p.id());
                        added += p.stored() == null ? 1 : 0;
                    }
                }
            }
        }

        int documentsAdded = 0;
        for (DocumentRecord r : toWrite) {
            if (searcher.count(new TermQuery(Schema.documentKey(r.documentId()))) == 0) {
                documentsAdded++;
            }
            writer.updateDocument(Schema.documentKey(r.documentId()), Schema.documentEntry(r));
        }
        for (DocumentRecord r : toDelete) {
            writer.deleteDocuments(Schema.documentKey(r.documentId()));
        }
        return new Result(embedded, toEmbed.size(), added, removed, documentsAdded, toDelete.size());
    }

    /** One affected chunk: its entry before the change, its filter terms after, and what becomes of it. */
    private record Plan(String id, StoredChunk stored, Set<String> keys, Action action) {}

    /** Each chunk's stored text, or else its text from {@code texts} (asked once for all of them). */
    private static List<String> textsOf(List<Plan> plans, Function<List<String>, Map<String, String>> texts) {
        List<String> missing =
                plans.stream().filter(p -> p.stored() == null).map(Plan::id).toList();
        Map<String, String> found = missing.isEmpty() ? Map.of() : texts.apply(missing);
        List<String> out = new ArrayList<>(plans.size());
        for (Plan p : plans) {
            String t = p.stored() != null ? p.stored().text() : found.get(p.id());
            if (t == null) {
                throw new IllegalStateException("no text for chunk " + p.id());
            }
            out.add(t);
        }
        return out;
    }

    private void write(
            String id, String text, float[] vector, Set<String> keys, Map<String, Map<String, float[]>> languageVectors)
            throws IOException {
        writer.updateDocument(
                Schema.chunkKey(id),
                Schema.chunkEntry(
                        id, text, vector, embedder.modelId(), keys, languageVectors.getOrDefault(id, Map.of())));
    }

    /**
     * The vectors of the {@link Embedder#languageModels() language models} that each chunk to be kept or written needs
     * by its languages, into {@code out} by chunk and model: a stored or precomputed one is reused, a missing one
     * embedded here, {@value #EMBED_BATCH} at a time per model.
     *
     * @return the chunks kept as they are so far that gain a vector, and so must be rewritten
     */
    private Set<String> languageVectors(
            List<Plan> plans,
            Function<List<String>, Map<String, String>> texts,
            ChunkVectors precomputed,
            Map<String, Map<String, float[]>> out) {
        Map<String, Embedder> models = embedder.languageModels();
        if (models.isEmpty()) {
            return Set.of();
        }
        List<Plan> kept = plans.stream()
                .filter(p -> p.action() == Action.KEEP || p.action() == Action.REFILTER || p.action() == Action.EMBED)
                .toList();
        List<String> inOrder = textsOf(kept, texts);
        Set<String> extended = new HashSet<>();
        Map<Embedder, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            Plan p = kept.get(i);
            List<String> languages = TextLanguages.of(inOrder.get(i));
            Map<String, float[]> vectors = new HashMap<>();
            for (Map.Entry<String, Embedder> m : models.entrySet()) {
                if (!languages.contains(m.getKey())) {
                    continue;
                }
                String model = m.getValue().modelId();
                float[] stored =
                        p.stored() == null ? null : p.stored().languageVectors().get(model);
                float[] computed = precomputed.language(p.id(), model);
                if (stored != null) {
                    vectors.put(model, stored);
                } else if (computed != null) {
                    vectors.put(model, computed);
                    extended.add(p.id());
                } else {
                    missing.computeIfAbsent(m.getValue(), e -> new ArrayList<>())
                            .add(i);
                }
            }
            out.put(p.id(), vectors);
        }
        for (Map.Entry<Embedder, List<Integer>> m : missing.entrySet()) {
            List<Integer> todo = m.getValue();
            for (int from = 0; from < todo.size(); from += EMBED_BATCH) {
                List<Integer> batch = todo.subList(from, Math.min(todo.size(), from + EMBED_BATCH));
                List<float[]> vectors = ChunkVectors.embedAll(
                        m.getKey(), batch.stream().map(inOrder::get).toList());
                for (int j = 0; j < batch.size(); j++) {
                    String id = kept.get(batch.get(j)).id();
                    out.get(id).put(m.getKey().modelId(), vectors.get(j));
                    extended.add(id);
                }
            }
        }
        // a stored vector of a model no longer configured is dropped when its chunk is rewritten; one kept as it is
        // keeps it
        return extended;
    }

    /** The documents by chunk, each once per chunk however often it holds the chunk. */
    private static Map<String, List<DocumentRecord>> referrersByChunk(List<DocumentRecord> records) {
        Map<String, List<DocumentRecord>> out = new HashMap<>();
        for (DocumentRecord r : records) {
            for (ChunkRef ref : r.chunks()) {
                List<DocumentRecord> list = out.computeIfAbsent(ref.chunkId(), k -> new ArrayList<>());
                if (list.isEmpty() || list.get(list.size() - 1) != r) {
                    list.add(r);
                }
            }
        }
        return out;
    }
}
