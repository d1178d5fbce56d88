package io.ragplatform.eval.sets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.ingest.dedup.NearDuplicateOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class QueryClustersTest {
    /** The definition, all pairs compared: what the LSH candidates, verified exactly, must reproduce. */
    static int[] bruteForce(List<String> queries, double t) {
        int n = queries.size();
        List<List<String>> tokens = queries.stream().map(Queries::tokens).toList();
        List<Set<String>> shingles =
                tokens.stream().map(QueryClustersTest::shingles).toList();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (nearDuplicates(tokens.get(i), shingles.get(i), tokens.get(j), shingles.get(j), t)) {
                    int a = root(parent, i);
                    int b = root(parent, j);
                    parent[Math.max(a, b)] = Math.min(a, b);
                }
            }
        }
        int[] label = new int[n];
        int[] smallest = new int[n];
        java.util.Arrays.fill(smallest, -1);
        for (int i = 0; i < n; i++) {
            int r = root(parent, i);
            if (smallest[r] < 0) {
                smallest[r] = i;
            }
            label[i] = smallest[r];
        }
        return label;
    }

    private static int root(int[] parent, int x) {
        while (parent[x] != x) {
            x = parent[x];
        }
        return x;
    }

    static boolean nearDuplicates(String a, String b, double t) {
        List<String> ta = Queries.tokens(a);
        List<String> tb = Queries.tokens(b);
        return nearDuplicates(ta, shingles(ta), tb, shingles(tb), t);
    }

    /** A query's words and 3-shingles, computed once for all-pairs loops. */
    record Shingled(List<String> tokens, Set<String> shingles) {
        static Shingled of(String normalized) {
            List<String> tokens = Queries.tokens(normalized);
            return new Shingled(tokens, QueryClustersTest.shingles(tokens));
        }

        boolean nearDuplicateOf(Shingled o, double t) {
            return nearDuplicates(tokens, shingles, o.tokens, o.shingles, t);
        }
    }

    private static boolean nearDuplicates(List<String> ta, Set<String> sa, List<String> tb, Set<String> sb, double t) {
        if (ta.size() < 3 || tb.size() < 3) {
            return ta.size() < 3 && tb.size() < 3 && new HashSet<>(ta).equals(new HashSet<>(tb));
        }
        Set<String> common = new HashSet<>(sa);
        common.retainAll(sb);
        return (double) common.size() / (sa.size() + sb.size() - common.size()) >= t - 1e-9;
    }

    static Set<String> shingles(List<String> tokens) {
        Set<String> s = new HashSet<>();
        for (int i = 0; i + 3 <= tokens.size(); i++) {
            s.add(String.join(" ", tokens.subList(i, i + 3)));
        }
        return s;
    }

    @Test
    void jaccard_over_shingles_and_word_sets_for_short_queries() {
        List<String> q = List.of(
                "how do i reset my password", // 0
                "how do i reset my password please", // 1: 4 of 5 shingles shared -> 0.8
                "how can i reset my password", // 2: 2 of 6 -> no
                "password reset", // 3
                "reset password", // 4: same word set
                "reset", // 5
                "reset the password"); // 6: three words, one shingle, nothing like it
        int[] label = QueryClusters.clusters(q, 0.8);
        assertArrayEquals(new int[] {0, 0, 2, 3, 3, 5, 6}, label);
        assertArrayEquals(new int[] {0, 1, 2, 3, 3, 5, 6}, QueryClusters.clusters(q, 0.81));
    }

    @Test
    void banding_makes_a_pair_at_the_threshold_a_candidate_with_probability_one_less_a_millionth() {
        assertEquals(new NearDuplicateOptions(3, 35, 5, NearDuplicateOptions.SEED, 0.8), QueryClusters.options(0.8));
        assertEquals(new NearDuplicateOptions(3, 49, 2, NearDuplicateOptions.SEED, 0.5), QueryClusters.options(0.5));
        assertEquals(new NearDuplicateOptions(3, 1, 8, NearDuplicateOptions.SEED, 1.0), QueryClusters.options(1.0));
        for (int percent = 6; percent <= 100; percent++) {
            NearDuplicateOptions o = QueryClusters.options(percent / 100.0);
            assertTrue(o.permutations() <= QueryClusters.MAX_PERMUTATIONS, o.toString());
            assertTrue(o.candidateProbability(percent / 100.0) >= 1 - QueryClusters.MISS, o.toString());
        }
    }

    @Test
    void matches_all_pairs_on_generated_queries_at_several_thresholds() {
        String[] vocab =
                "how do i can reset change my the a password account email login error page setup install".split(" ");
        for (long seed = 1; seed <= 4; seed++) {
            Random r = new Random(seed);
            Set<String> distinct = new TreeSet<>();
            List<String> bases = new ArrayList<>();
            for (int b = 0; b < 60; b++) {
                StringBuilder s = new StringBuilder();
                int len = 2 + r.nextInt(9);
                for (int w = 0; w < len; w++) {
                    s.append(w == 0 ? "" : " ").append(vocab[r.nextInt(vocab.length)]);
                }
                bases.add(s.toString());
            }
            for (String base : bases) {
                distinct.add(base);
                for (int v = 0; v < 6; v++) {
                    List<String> words = new ArrayList<>(List.of(base.split(" ")));
                    switch (r.nextInt(3)) {
                        case 0 -> words.add(vocab[r.nextInt(vocab.length)]);
                        case 1 -> words.set(r.nextInt(words.size()), vocab[r.nextInt(vocab.length)]);
                        default -> {
                            if (words.size() > 1) {
                                words.remove(r.nextInt(words.size()));
                            }
                        }
                    }
                    distinct.add(String.join(" ", words));
                }
            }
            List<String> queries = new ArrayList<>(distinct);
            for (double t : new double[] {0.3, 0.5, 0.8, 1.0}) {
                assertArrayEquals(
                        bruteForce(queries, t),
                        QueryClusters.clusters(queries, t),
                        "seed " + seed + ", threshold " + t);
            }
        }
    }

    @Test
    void a_chain_of_near_duplicates_is_one_cluster() {
        List<String> q = List.of(
                "a b c d e f g h i j", "a b c d e f g h i j k", "a b c d e f g h i j k l", "x b c d e f g h i j k l");
        int[] label = QueryClusters.clusters(q, 0.8);
        assertArrayEquals(new int[] {0, 0, 0, 0}, label);
        assertNotEquals(0, QueryClusters.clusters(q, 0.95)[1]);
    }
}
