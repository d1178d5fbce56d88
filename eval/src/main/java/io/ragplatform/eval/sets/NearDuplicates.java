package io.ragplatform.eval.sets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Clusters of near-duplicate queries, exact and independent of input order.
 *
 * <p>A query of at least {@value #SHINGLE} words is the set of its word 3-shingles; two such queries are
 * near-duplicates when the Jaccard similarity of their sets reaches the threshold. A shorter query has too few
 * shingles for that to mean anything: it is a near-duplicate of the short queries with the same set of words
 * ("password reset" and "reset password"). Clusters are the connected components of the near-duplicate relation
 * (union-find), so near-duplicity is made transitive.
 *
 * <p>All pairs are found without comparing all pairs: the prefix filter of all-pairs similarity joins (Bayardo et al.,
 * WWW 2007; Xiao et al., PPJoin, WWW 2008). Shingles are ranked rarest first (by document frequency, ties by text);
 * a set of size {@code n} can only reach Jaccard {@code t} with a set sharing one of its first
 * {@code n - ceil(t n) + 1} shingles, so only those are indexed and probed, and candidates are kept only if their
 * sizes allow {@code t} and then verified exactly. Common shingles ("how do i") fall at the end of every set and are
 * never indexed. No pair is missed and none is approximate (unlike MinHash/LSH).
 */
final class NearDuplicates {
    static final int SHINGLE = 3;
    private static final double EPS = 1e-9;

    private NearDuplicates() {}

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
        List<Set<String>> shingles = new ArrayList<>(n);
        Map<String, Integer> df = new HashMap<>();
        for (int i = 0; i < n; i++) {
            List<String> tokens = Queries.tokens(queries.get(i));
            if (tokens.size() < SHINGLE) {
                String key = String.join(" ", new TreeSet<>(tokens));
                Integer other = shortKeys.putIfAbsent(key, i);
                if (other != null) {
                    uf.union(other, i);
                }
                shingles.add(null);
                continue;
            }
            Set<String> set = new LinkedHashSet<>();
            for (int k = 0; k + SHINGLE <= tokens.size(); k++) {
                set.add(String.join(" ", tokens.subList(k, k + SHINGLE)));
            }
            set.forEach(s -> df.merge(s, 1, Integer::sum));
            shingles.add(set);
        }

        // rank shingles rarest first, ties by text, so the order does not depend on the input's
        String[] byRank = df.keySet().toArray(String[]::new);
        Arrays.sort(byRank, (a, b) -> {
            int c = Integer.compare(df.get(a), df.get(b));
            return c != 0 ? c : a.compareTo(b);
        });
        Map<String, Integer> rank = new HashMap<>(byRank.length * 2);
        for (int r = 0; r < byRank.length; r++) {
            rank.put(byRank[r], r);
        }
        int[][] sets = new int[n][];
        for (int i = 0; i < n; i++) {
            if (shingles.get(i) != null) {
                sets[i] = shingles.get(i).stream().mapToInt(rank::get).sorted().toArray();
            }
        }
        shingles = null;

        List<List<Integer>> postings = new ArrayList<>(byRank.length);
        for (int r = 0; r < byRank.length; r++) {
            postings.add(null);
        }
        int[] seen = new int[n];
        Arrays.fill(seen, -1);
        for (int i = 0; i < n; i++) {
            int[] x = sets[i];
            if (x == null) {
                continue;
            }
            int prefix = prefixLength(x.length, threshold);
            for (int p = 0; p < prefix; p++) {
                List<Integer> list = postings.get(x[p]);
                if (list == null) {
                    continue;
                }
                for (int j : list) {
                    if (seen[j] == i) {
                        continue;
                    }
                    seen[j] = i;
                    int[] y = sets[j];
                    if (Math.min(x.length, y.length) < threshold * Math.max(x.length, y.length) - EPS) {
                        continue;
                    }
                    if (uf.find(i) != uf.find(j) && jaccard(x, y) >= threshold - EPS) {
                        uf.union(i, j);
                    }
                }
            }
            for (int p = 0; p < prefix; p++) {
                List<Integer> list = postings.get(x[p]);
                if (list == null) {
                    list = new ArrayList<>(2);
                    postings.set(x[p], list);
                }
                list.add(i);
            }
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

    /** How many of a set's rarest elements must be indexed so that no pair reaching the threshold is missed. */
    static int prefixLength(int size, double threshold) {
        int minOverlap = (int) Math.ceil(threshold * size - EPS);
        return Math.max(1, Math.min(size, size - minOverlap + 1));
    }

    /** Jaccard similarity of two sorted, duplicate-free arrays. */
    static double jaccard(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                common++;
                i++;
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
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
