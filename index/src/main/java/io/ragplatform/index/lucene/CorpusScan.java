package io.ragplatform.index.lucene;

import io.ragplatform.index.CorpusChunk;
import io.ragplatform.index.CorpusVisitor;
import java.io.IOException;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;

/**
 * Walks every entry of one index version in key order for a {@link CorpusVisitor}: the terms of the document-ID field,
 * then those of the chunk-ID field. A term dictionary is sorted by the terms' bytes, so the order needs no sort and no
 * memory beyond one entry; each key has one live entry (writes replace by key), and a term whose entries are all
 * deleted (a replaced or removed entry not yet merged away) is skipped.
 */
final class CorpusScan {
    private CorpusScan() {}

    static void visit(IndexSearcher searcher, CorpusVisitor visitor) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        StoredFields fields = reader.storedFields();
        Bits live = MultiBits.getLiveDocs(reader);
        forEachLive(reader, Schema.DOC_ID, live, doc -> visitor.document(Schema.readRecord(fields.document(doc))));
        forEachLive(reader, Schema.CHUNK_ID, live, doc -> visitor.chunk(toChunk(fields.document(doc))));
    }

    @FunctionalInterface
    private interface Entry {
        void accept(int doc) throws IOException;
    }

    /** Each term of {@code field} in order, with the one live entry that holds it. */
    private static void forEachLive(IndexReader reader, String field, Bits live, Entry entry) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms == null) {
            return;
        }
        TermsEnum keys = terms.iterator();
        PostingsEnum postings = null;
        while (keys.next() != null) {
            postings = keys.postings(postings, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live == null || live.get(doc)) {
                    entry.accept(doc);
                    break;
                }
            }
        }
    }

    private static CorpusChunk toChunk(Document d) {
        Schema.StoredChunk stored = Schema.readChunk(d);
        return new CorpusChunk(
                d.get(Schema.CHUNK_ID),
                stored.text(),
                Schema.languages(d),
                stored.model(),
                stored.vector(),
                new TreeMap<>(stored.languageVectors()));
    }
}
