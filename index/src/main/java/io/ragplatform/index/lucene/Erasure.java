package io.ragplatform.index.lucene;

import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.DocumentRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;

/**
 * What an erasure must remove, found in the segments themselves: a delete only marks an entry deleted until a merge
 * rewrites its segment, so the stored text of an entry deleted long ago is still in the files of every commit whose
 * segments hold it. Postings list deleted entries too (live documents are applied by searches, not by the postings),
 * so reading them directly finds both the live entries and those only marked deleted.
 */
final class Erasure {
    // what the segments of the commits read so far hold of the source: its document entries, its chunks' texts
    private final String sourceId;

    private final Map<String, DocumentRecord> documents = new TreeMap<>();
    private final Map<String, String> texts = new HashMap<>();

    Erasure(String sourceId) {
        this.sourceId = sourceId;
    }

    /** Adds the source's document entries the reader's segments hold, deleted ones included (the newest wins). */
    void collectDocuments(IndexReader reader) throws IOException {
        forEachEntry(reader, new Term(Schema.SOURCE_ID, sourceId), (fields, doc) -> {
            DocumentRecord r = Schema.readRecord(fields.document(doc));
            documents.merge(r.documentId(), r, (a, b) -> a.updatedAt().compareTo(b.updatedAt()) >= 0 ? a : b);
        });
    }

    /** Every chunk ID the collected documents reference. */
    Set<String> referencedChunks() {
        Set<String> ids = new TreeSet<>();
        documents
                .values()
                .forEach(d -> d.chunks().stream().map(ChunkRef::chunkId).forEach(ids::add));
        return ids;
    }

    /** Adds the stored texts of these chunks that the reader's segments hold and that were not found yet. */
    void collectTexts(IndexReader reader, Set<String> chunkIds) throws IOException {
        for (String id : chunkIds) {
            if (!texts.containsKey(id)) {
                forEachEntry(
                        reader,
                        Schema.chunkKey(id),
                        (fields, doc) -> texts.putIfAbsent(
                                id, fields.document(doc, Set.of(Schema.TEXT)).get(Schema.TEXT)));
            }
        }
    }

    List<DocumentRecord> documents() {
        return List.copyOf(documents.values());
    }

    Map<String, String> texts(Set<String> chunkIds) {
        Map<String, String> out = new TreeMap<>();
        chunkIds.forEach(id -> {
            String t = texts.get(id);
            if (t != null) {
                out.put(id, t);
            }
        });
        return out;
    }

    /**
     * The chunks of {@code chunkIds} that a live document of another source references in the searcher's version:
     * they are that document's text too, and stay.
     */
    Set<String> sharedWithOtherSources(IndexSearcher searcher, Set<String> chunkIds) throws IOException {
        Set<String> shared = new TreeSet<>();
        for (String id : chunkIds) {
            BooleanQuery q = new BooleanQuery.Builder()
                    .add(Schema.referencing(id), Occur.MUST)
                    .add(Schema.documents(), Occur.FILTER)
                    .add(new TermQuery(new Term(Schema.SOURCE_ID, sourceId)), Occur.MUST_NOT)
                    .build();
            if (searcher.count(q) > 0) {
                shared.add(id);
            }
        }
        return shared;
    }

    /** Whether the reader's segments hold any entry of the source or of these chunks, deleted ones included. */
    boolean heldBy(IndexReader reader, Set<String> chunkIds) throws IOException {
        if (holds(reader, new Term(Schema.SOURCE_ID, sourceId))) {
            return true;
        }
        for (String id : chunkIds) {
            if (holds(reader, Schema.chunkKey(id))) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(IndexReader reader, Term term) throws IOException {
        for (LeafReaderContext leaf : reader.leaves()) {
            if (leaf.reader().docFreq(term) > 0) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface EntryConsumer {
        void accept(StoredFields fields, int doc) throws IOException;
    }

    /** Every entry of every segment that has {@code term}, live or deleted. */
    private static void forEachEntry(IndexReader reader, Term term, EntryConsumer consumer) throws IOException {
        for (LeafReaderContext leaf : reader.leaves()) {
            LeafReader r = leaf.reader();
            PostingsEnum postings = r.postings(term, PostingsEnum.NONE);
            if (postings == null) {
                continue;
            }
            StoredFields fields = r.storedFields();
            List<Integer> docs = new ArrayList<>();
            for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                docs.add(d);
            }
            for (int d : docs) {
                consumer.accept(fields, d);
            }
        }
    }
}
