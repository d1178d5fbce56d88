package io.ragplatform.index.lucene;

import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.ConsistencyReport;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.Embedder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Verifies that the documents, chunks and vectors of one index version agree: every referenced chunk and parent
 * exists, every chunk is referenced, nothing is stored twice, every vector is of the model and dimension. Reads the
 * whole version.
 */
final class ConsistencyCheck {
    private ConsistencyCheck() {}

    static ConsistencyReport run(IndexSearcher s, Embedder embedder, long version) throws IOException {
        StoredFields fields = s.storedFields();
        Map<String, Integer> chunkEntries = new HashMap<>();
        List<String> badVectors = new ArrayList<>();
        TopDocs chunks = s.search(Schema.chunks(), Math.max(1, s.count(Schema.chunks())));
        for (ScoreDoc sd : chunks.scoreDocs) {
            Document d = fields.document(sd.doc);
            String id = d.get(Schema.CHUNK_ID);
            chunkEntries.merge(id, 1, Integer::sum);
            BytesRef v = d.getBinaryValue(Schema.VECTOR_BYTES);
            if (v == null
                    || v.length != embedder.dimension() * Float.BYTES
                    || !embedder.modelId().equals(d.get(Schema.MODEL))) {
                badVectors.add(id);
            }
        }
        Map<String, Integer> docEntries = new HashMap<>();
        Set<String> referenced = new HashSet<>();
        List<DocumentRecord> docs = Schema.loadDocuments(s, Schema.documents());
        for (DocumentRecord r : docs) {
            docEntries.merge(r.documentId(), 1, Integer::sum);
        }
        List<String> dangling = new ArrayList<>();
        for (DocumentRecord r : docs) {
            for (ChunkRef c : r.chunks()) {
                referenced.add(c.chunkId());
                if (!chunkEntries.containsKey(c.chunkId())) {
                    dangling.add(r.documentId() + " -> " + c.chunkId());
                }
            }
            if (r.parentDocumentId() != null && !docEntries.containsKey(r.parentDocumentId())) {
                dangling.add(r.documentId() + " -> parent " + r.parentDocumentId());
            }
        }
        List<String> orphans = chunkEntries.keySet().stream()
                .filter(id -> !referenced.contains(id))
                .sorted()
                .toList();
        List<String> duplicates = new ArrayList<>();
        chunkEntries.forEach((id, n) -> {
            if (n > 1) duplicates.add("chunk " + id + " x" + n);
        });
        docEntries.forEach((id, n) -> {
            if (n > 1) duplicates.add("document " + id + " x" + n);
        });
        Collections.sort(duplicates);
        Collections.sort(dangling);
        Collections.sort(badVectors);
        boolean ok = orphans.isEmpty() && dangling.isEmpty() && duplicates.isEmpty() && badVectors.isEmpty();
        return new ConsistencyReport(
                ok, version, docs.size(), chunks.scoreDocs.length, orphans, dangling, duplicates, badVectors);
    }
}
