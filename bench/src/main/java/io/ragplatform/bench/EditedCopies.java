package io.ragplatform.bench;

import io.ragplatform.ingest.dedup.MinHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The near-duplicate benchmark's labelled case: originals and their copies edited at known word-edit rates, and the
 * exact shingle Jaccard similarity of every pair that shares a shingle (every other pair's is 0).
 *
 * <p>A copy at rate e visits the original's whitespace-separated words and, with probability e each, replaces the
 * word by one drawn from all the originals' words, deletes it, or inserts a drawn word before it (one of the three,
 * equally likely). One {@link Random} of a fixed seed makes every copy, so the case is the same on every run.
 */
final class EditedCopies {
    /** One text of the case: its family (the original's index), its edit rate (0 for the original) and text. */
    record Text(int family, double rate, String text) {}

    /** A pair of texts {@code i < j} with at least one shingle in common, and its exact Jaccard similarity. */
    record Pair(int i, int j, double jaccard) {}

    private EditedCopies() {}

    static List<Text> build(List<String> originals, List<Double> rates, long seed) {
        List<String> vocabulary = new ArrayList<>();
        for (String o : originals) {
            vocabulary.addAll(List.of(o.split("\\s+")));
        }
        Random random = new Random(seed);
        List<Text> out = new ArrayList<>();
        for (int f = 0; f < originals.size(); f++) {
            out.add(new Text(f, 0, originals.get(f)));
            for (double rate : rates) {
                out.add(new Text(f, rate, edit(originals.get(f), rate, vocabulary, random)));
            }
        }
        return out;
    }

    private static String edit(String text, double rate, List<String> vocabulary, Random random) {
        List<String> out = new ArrayList<>();
        for (String word : text.split("\\s+")) {
            if (random.nextDouble() >= rate) {
                out.add(word);
                continue;
            }
            switch (random.nextInt(3)) {
                case 0 -> out.add(vocabulary.get(random.nextInt(vocabulary.size())));
                case 1 -> {} // deleted
                default -> {
                    out.add(vocabulary.get(random.nextInt(vocabulary.size())));
                    out.add(word);
                }
            }
        }
        return String.join(" ", out);
    }

    /**
     * Every pair sharing a shingle, with its exact Jaccard similarity, from an inverted index of the shingle hashes
     * ({@link MinHash#shingles}: the very sets the signatures summarise).
     */
    static List<Pair> overlapping(List<long[]> shingles) {
        Map<Long, List<Integer>> postings = new HashMap<>();
        int[] common = new int[shingles.size()];
        List<Pair> out = new ArrayList<>();
        for (int j = 0; j < shingles.size(); j++) {
            List<Integer> touched = new ArrayList<>();
            for (long h : shingles.get(j)) {
                List<Integer> docs = postings.computeIfAbsent(h, k -> new ArrayList<>());
                for (int i : docs) {
                    if (common[i]++ == 0) {
                        touched.add(i);
                    }
                }
                docs.add(j);
            }
            touched.sort(null);
            for (int i : touched) {
                int union = shingles.get(i).length + shingles.get(j).length - common[i];
                out.add(new Pair(i, j, (double) common[i] / union));
                common[i] = 0;
            }
        }
        return out;
    }
}
