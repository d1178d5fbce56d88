package io.ragplatform.index.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Which Lucene analysis reads Chinese best for BM25: the analyzers the index could give its Chinese field, each over the
 * same passages and queries of a BEIR folder, in memory.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.ragplatform.index.bench.ChineseAnalyzerBench DIR [SPLIT]
 * </pre>
 */
public final class ChineseAnalyzerBench {
    private ChineseAnalyzerBench() {}

    public static void main(String[] args) throws IOException {
        BeirFolder data = BeirFolder.read(Path.of(args[0]), args.length > 1 ? args[1] : "test");
        System.out.printf(
                Locale.ROOT,
                "%d passages, %d queries, %d judgments%n",
                data.corpus().size(),
                data.queries().size(),
                data.judgments());
        Map<String, Analyzer> analyzers = new LinkedHashMap<>();
        analyzers.put("EnglishAnalyzer (today: one token per Han character)", new EnglishAnalyzer());
        analyzers.put("StandardAnalyzer (unigrams)", new StandardAnalyzer());
        analyzers.put("CJKAnalyzer (bigrams)", new CJKAnalyzer());
        analyzers.put("ICU tokenizer (dictionary words)", icu(false));
        analyzers.put("ICU tokenizer + CJK bigrams", icu(true));
        System.out.printf(
                Locale.ROOT, "%-55s %8s %9s %10s %7s%n", "analyzer", "nDCG@10", "recall@10", "recall@100", "MRR@10");
        for (Map.Entry<String, Analyzer> e : analyzers.entrySet()) {
            Ranking.Metrics m = Bm25Baseline.measure(data, e.getValue());
            System.out.printf(
                    Locale.ROOT,
                    "%-55s %8.3f %9.3f %10.3f %7.3f%n",
                    e.getKey(),
                    m.ndcg10(),
                    m.recall10(),
                    m.recall100(),
                    m.mrr10());
        }
    }

    private static Analyzer bigrams(boolean unigrams, boolean icu) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = icu ? new ICUTokenizer() : new StandardTokenizer();
                TokenStream t = new CJKWidthFilter(source);
                t = new LowerCaseFilter(t);
                t = new CJKBigramFilter(t, CJKBigramFilter.HAN, unigrams);
                return new TokenStreamComponents(
                        source, new org.apache.lucene.analysis.StopFilter(t, CharArraySet.EMPTY_SET));
            }
        };
    }

    private static Analyzer icu(boolean bigrams) {
        if (bigrams) {
            return bigrams(false, true);
        }
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new ICUTokenizer();
                return new TokenStreamComponents(source, new LowerCaseFilter(new CJKWidthFilter(source)));
            }
        };
    }
}
