package io.ragplatform.index.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * The reference system of the table: BM25 (Lucene, {@link EnglishAnalyzer}, default {@link BM25Similarity}) over the
 * same passage text, in memory.
 */
final class Bm25Baseline {
    private Bm25Baseline() {}

    /** The label of its table row. */
    static final String SYSTEM = "BM25 (Lucene EnglishAnalyzer, k1=1.2 b=0.75)";

    static Ranking.Metrics measure(BeirFolder data) throws IOException {
        return measure(data, new EnglishAnalyzer());
    }

    /** BM25 over the passages with this analyzer for both passages and queries. */
    static Ranking.Metrics measure(BeirFolder data, Analyzer analyzer) throws IOException {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
            try (IndexWriter writer = new IndexWriter(dir, config)) {
                for (BeirFolder.Passage p : data.corpus()) {
                    Document d = new Document();
                    d.add(new StoredField("id", p.id()));
                    d.add(new TextField("text", p.text(), Field.Store.NO));
                    writer.addDocument(d);
                }
                writer.forceMerge(1);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(new BM25Similarity());
                StoredFields stored = searcher.storedFields();
                QueryBuilder builder = new QueryBuilder(analyzer);
                List<double[]> perQuery = new ArrayList<>();
                for (BeirFolder.Claim claim : data.queries()) {
                    Query q = builder.createBooleanQuery("text", claim.text(), BooleanClause.Occur.SHOULD);
                    List<String> ranked = new ArrayList<>();
                    if (q != null) {
                        TopDocs top = searcher.search(q, Ranking.TOP_K);
                        for (ScoreDoc sd : top.scoreDocs) {
                            ranked.add(stored.document(sd.doc).get("id"));
                        }
                    }
                    perQuery.add(Ranking.metrics(ranked, data.qrels().get(claim.id())));
                }
                return Ranking.Metrics.mean(perQuery);
            }
        }
    }
}
