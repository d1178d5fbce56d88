package io.ragplatform.eval.sets;

import io.ragplatform.ingest.dedup.MinHash;
import io.ragplatform.ingest.dedup.NearDuplicateOptions;
import io.ragplatform.ingest.dedup.NearDuplicates;
import io.ragplatform.ingest.dedup.Signature;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Clusters of near-duplicate queries on the documents' near-duplicate machinery ({@code io.ragplatform.ingest.dedup}),
 * independent of input order.
 *
 * <p>A query of at least {@value #SHINGLE} words is the set of its word {@value #SHINGLE}-shingles as
 * {@link MinHash#shingles} makes them for documents (NFKC, lower case, CJK runs as character bigrams, 64-bit
 * shingle hashes), only with shingles of {@value #SHINGLE} words instead of five: queries are short. Two such queries
 * are near-duplicates when the exact Jaccard similarity of their shingle sets reaches the threshold. A shorter query
 * has too few shingles for that to mean anything: it is a near-duplicate of the short queries with the same set of
 * words ("password reset" and "reset password"). Clusters are the connected components of the near-duplicate relation
 * (union-find), so near-duplicity is made transitive.
 *
 * <p>Pairs are found by LSH over MinHash signatures ({@link NearDuplicates}, the documents' index) and then verified on
 * the exact shingle sets, not on the signatures' estimate: with a handful of shingles a query pair often sits exactly
 * at the threshold (4 of 5 shingles shared is 0.8), where the estimate from 100 permutations falls below it about
 * half the time. The bands and rows are chosen for the threshold ({@link #options}) so that a pair at the threshold
 * shares a band with probability at least 1 - {@value #MISS}; the permutations' seed is fixed, so the same queries
 * always give the same clusters.
 */
final class QueryClusters {
    static final int SHINGLE = 3;
    /** The most a pair at the threshold may miss being a candidate (when {@value #MAX_PERMUTATIONS} suffice). */
    static final double MISS = 1e-6;
    /** At most this many permutations: a signature costs shingles × permutations multiplications. */
    static final int MAX_PERMUTATIONS = 256;

    private static final double EPS = 1e-9;

    private QueryClusters() {}

    /**
     * Cluster labels for normalized queries.
     *
     * @param queries distinct normalized queries
     * @param threshold Jaccard threshold in (0, 1]
     * @return per query, the smallest index of its cluster
     */
    static int[] clusters(List<String> queries, double threshold) {
        int n = queries.size();
        UnionFind uf = new UnionFind(n);
        Map<String, Integer> shortKeys = new HashMap<>();
        MinHash minHash = new MinHash(options(threshold));
        NearDuplicates lsh = new NearDuplicates(minHash.options());
        long[][] shingles = new long[n][];
        for (int i = 0; i < n; i++) {
            List<String> tokens = Queries.tokens(queries.get(i));
            if (tokens.size() < SHINGLE) {
                String key = String.join(" ", new TreeSet<>(tokens));
                Integer other = shortKeys.putIfAbsent(key, i);
                if (other != null) {
                    uf.union(other, i);
                }
                continue;
            }
            shingles[i] = minHash.shingles(queries.get(i));
            Signature signature = minHash.signature(shingles[i]);
            // every pair sharing a band is verified, whatever the order: the components depend on the texts only
            for (String candidate : lsh.candidates(signature)) {
                int j = Integer.parseInt(candidate);
                if (uf.find(i) != uf.find(j) && MinHash.jaccard(shingles[i], shingles[j]) >= threshold - EPS) {
                    uf.union(i, j);
                }
            }
            lsh.add(Integer.toString(i), signature);
        }

        int[] label = new int[n];
        int[] smallest = new int[n];
        Arrays.fill(smallest, -1);
        for (int i = 0; i < n; i++) {
            int root = uf.find(i);
            if (smallest[root] < 0) {
                smallest[root] = i;
            }
            label[i] = smallest[root];
        }
        return label;
    }

    /**
     * {@value #SHINGLE}-word shingles, the documents' seed, and for the threshold the most rows per band (fewest
     * chance candidates) whose bands, enough for a pair at the threshold to miss with probability at most
     * {@value #MISS}, fit in {@value #MAX_PERMUTATIONS} permutations: 35 × 5 at 0.8, 49 × 2 at 0.5, 39 × 1 at 0.3, one
     * band of 8 rows at 1. Below 0.053 not even 256 bands of one row reach that.
     */
    static NearDuplicateOptions options(double threshold) {
        for (int rows = 8; rows >= 1; rows--) {
            double p = Math.pow(threshold, rows);
            int bands = p >= 1 ? 1 : (int) Math.ceil(Math.log(MISS) / Math.log1p(-p));
            if ((long) bands * rows <= MAX_PERMUTATIONS) {
                return new NearDuplicateOptions(SHINGLE, bands, rows, NearDuplicateOptions.SEED, threshold);
            }
        }
        return new NearDuplicateOptions(SHINGLE, MAX_PERMUTATIONS, 1, NearDuplicateOptions.SEED, threshold);
    }

    private static final class UnionFind {
        private final int[] parent;
        private final byte[] rank;

        UnionFind(int n) {
            parent = new int[n];
            rank = new byte[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            if (rank[ra] < rank[rb]) {
                parent[ra] = rb;
            } else if (rank[ra] > rank[rb]) {
                parent[rb] = ra;
            } else {
                parent[rb] = ra;
                rank[ra]++;
            }
        }
    }
}
