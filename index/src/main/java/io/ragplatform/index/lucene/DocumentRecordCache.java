package io.ragplatform.index.lucene;

import io.ragplatform.index.DocumentRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * Parsed document entries by segment and doc ID, least recently used first out. A search lists each hit's occurrences
 * from the documents that reference it; without this, every hit of every query decompressed and parsed those documents'
 * stored JSON again (a third of a search's time at 20k chunks, docs/BENCHMARKS.md). A segment never changes, so an entry
 * is valid for as long as its segment lives: a doc deleted since is skipped by the live-docs check before the lookup,
 * and a closed segment's entries are dropped by its core's closed listener. Readers without a core cache key (wrapped
 * readers) are read without caching. Thread-safe.
 */
final class DocumentRecordCache {
    /** Documents held by default: at about 2–20 KB of parsed chunk references each, tens of MB at most. */
    static final int DEFAULT_CAPACITY = 8_192;

    private record Key(IndexReader.CacheKey core, int doc) {}

    private final int capacity;
    private final Map<Key, DocumentRecord> records;
    private final Map<IndexReader.CacheKey, Boolean> listened = new LinkedHashMap<>();
    private long hits;
    private long misses;

    DocumentRecordCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be at least 0, was " + capacity);
        }
        this.capacity = capacity;
        this.records = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, DocumentRecord> eldest) {
                return size() > DocumentRecordCache.this.capacity;
            }
        };
    }

    /** The live document entries {@code query} matches, as {@link Schema#loadDocuments} reads them, parsed once. */
    List<DocumentRecord> load(IndexSearcher searcher, Query query) throws IOException {
        Query q = new BooleanQuery.Builder()
                .add(query, Occur.MUST)
                .add(Schema.documents(), Occur.FILTER)
                .build();
        Weight weight = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1);
        List<DocumentRecord> out = new ArrayList<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
            StoredFields fields = null;
            DocIdSetIterator it = scorer.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                DocumentRecord r = helper == null ? null : cached(helper, doc);
                if (r == null) {
                    if (fields == null) {
                        fields = leaf.reader().storedFields();
                    }
                    r = Schema.readRecord(fields.document(doc));
                    if (helper != null) {
                        put(helper, doc, r);
                    }
                }
                out.add(r);
            }
        }
        return out;
    }

    private synchronized DocumentRecord cached(IndexReader.CacheHelper helper, int doc) {
        DocumentRecord r = records.get(new Key(helper.getKey(), doc));
        if (r == null) {
            misses++;
        } else {
            hits++;
        }
        return r;
    }

    private void put(IndexReader.CacheHelper helper, int doc, DocumentRecord r) {
        IndexReader.CacheKey core = helper.getKey();
        boolean listen;
        synchronized (this) {
            if (capacity == 0) {
                return;
            }
            records.put(new Key(core, doc), r);
            listen = listened.putIfAbsent(core, Boolean.TRUE) == null;
        }
        if (listen) {
            helper.addClosedListener(this::evict);
        }
    }

    private synchronized void evict(IndexReader.CacheKey core) {
        listened.remove(core);
        records.keySet().removeIf(k -> k.core() == core);
    }

    /** Entries held now. */
    synchronized int size() {
        return records.size();
    }

    /** Lookups answered from the cache since it was made. */
    synchronized long hits() {
        return hits;
    }

    /** Lookups that had to read the stored entry. */
    synchronized long misses() {
        return misses;
    }
}
