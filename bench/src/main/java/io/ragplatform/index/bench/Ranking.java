package io.ragplatform.index.bench;

import java.util.List;
import java.util.Map;

/** Exact top-k retrieval over unit vectors and the retrieval metrics of a ranked list against its judgments. */
final class Ranking {
    private Ranking() {}

    /** How deep every system ranks: recall@100 needs 100. */
    static final int TOP_K = 100;

    /** Means over the queries; {@code ndcg10PerQuery} in query order, for paired comparisons. */
    record Metrics(
            double ndcg10, double recall10, double recall100, double mrr10, int queries, double[] ndcg10PerQuery) {
        static Metrics mean(List<double[]> perQuery) {
            double[] sum = new double[4];
            double[] ndcg = new double[perQuery.size()];
            for (int q = 0; q < perQuery.size(); q++) {
                double[] m = perQuery.get(q);
                for (int i = 0; i < 4; i++) {
                    sum[i] += m[i];
                }
                ndcg[q] = m[0];
            }
            int n = perQuery.size();
            return new Metrics(sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n, n, ndcg);
        }
    }

    /** Indexes of the k highest dot products (vectors are unit length: cosine), best first; ties to the lower index. */
    static int[] topK(float[] q, float[][] docs, int k) {
        k = Math.min(k, docs.length);
        int[] idx = new int[k];
        float[] score = new float[k];
        int size = 0;
        for (int d = 0; d < docs.length; d++) {
            float[] v = docs[d];
            float s = 0;
            for (int i = 0; i < v.length; i++) {
                s += q[i] * v[i];
            }
            if (size == k && s <= score[k - 1]) {
                continue; // equal score: the earlier (lower) index stays ahead
            }
            int pos = size < k ? size++ : k - 1;
            while (pos > 0 && score[pos - 1] < s) {
                score[pos] = score[pos - 1];
                idx[pos] = idx[pos - 1];
                pos--;
            }
            score[pos] = s;
            idx[pos] = d;
        }
        return idx;
    }

    /** nDCG@10 (linear gain), recall@10, recall@100, MRR@10 of one ranked list against the query's judgments. */
    static double[] metrics(List<String> ranked, Map<String, Integer> rels) {
        int relevant = (int) rels.values().stream().filter(g -> g > 0).count();
        double dcg = 0;
        double rr = 0;
        int hits10 = 0;
        int hits100 = 0;
        for (int i = 0; i < Math.min(ranked.size(), 100); i++) {
            int gain = rels.getOrDefault(ranked.get(i), 0);
            if (gain <= 0) {
                continue;
            }
            hits100++;
            if (i < 10) {
                hits10++;
                dcg += gain / log2(i + 2);
                if (rr == 0) {
                    rr = 1.0 / (i + 1);
                }
            }
        }
        int[] ideal = rels.values().stream()
                .mapToInt(Integer::intValue)
                .filter(g -> g > 0)
                .map(g -> -g)
                .sorted()
                .map(g -> -g)
                .toArray();
        double idcg = 0;
        for (int i = 0; i < Math.min(ideal.length, 10); i++) {
            idcg += ideal[i] / log2(i + 2);
        }
        return new double[] {
            idcg == 0 ? 0 : dcg / idcg,
            relevant == 0 ? 0 : (double) hits10 / relevant,
            relevant == 0 ? 0 : (double) hits100 / relevant,
            rr
        };
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
