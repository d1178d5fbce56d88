package io.ragplatform.bench;

import io.ragplatform.ingest.dedup.MinHash;
import io.ragplatform.ingest.dedup.NearDuplicate;
import io.ragplatform.ingest.dedup.NearDuplicateOptions;
import io.ragplatform.ingest.dedup.NearDuplicates;
import io.ragplatform.ingest.dedup.Signature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The near-duplicate detector's precision and recall on a labelled case, and its speed.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.ragplatform.bench.NearDuplicateBench CORPUS.jsonl [--documents=1000]
 *     [--rates=0.01,0.02,0.03,0.05,0.1,0.2,0.3,0.5] [--seed=11] [--rounds=5] [--bands=20] [--rows=5]
 * </pre>
 *
 * The first DOCUMENTS non-blank {@code text} fields of a BEIR {@code corpus.jsonl} (abstracts) are the originals;
 * each gets one copy per edit rate ({@link EditedCopies}). A pair of texts is labelled a near-duplicate when the exact
 * Jaccard similarity of their word 5-shingle sets is at least the threshold (0.8), whatever their edit rates; the
 * detector's answer for a pair is whether {@link NearDuplicates#nearDuplicatesOf(String)} of one lists the other
 * (LSH candidates verified by estimated Jaccard ≥ 0.8). All pairs among originals and copies are judged: pairs
 * sharing no shingle have Jaccard 0 and are negatives. Speed: signatures of all texts, three warm-up rounds, then
 * ROUNDS timed ones, the median.
 */
public final class NearDuplicateBench {
    static volatile long consumed;

    private NearDuplicateBench() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: NearDuplicateBench CORPUS.jsonl [--documents=1000] [--rates=0.02,...]"
                    + " [--seed=11] [--rounds=5] [--bands=20] [--rows=5]");
            System.exit(2);
        }
        Map<String, String> options = new TreeMap<>(Map.of(
                "documents",
                "1000",
                "rates",
                "0.01,0.02,0.03,0.05,0.1,0.2,0.3,0.5",
                "seed",
                "11",
                "rounds",
                "5",
                "bands",
                Integer.toString(NearDuplicateOptions.BANDS),
                "rows",
                Integer.toString(NearDuplicateOptions.ROWS)));
        for (String a : Arrays.asList(args).subList(1, args.length)) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            if (!a.startsWith("--") || kv.length != 2 || !options.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown option " + a);
            }
            options.put(kv[0], kv[1]);
        }
        int documents = Integer.parseInt(options.get("documents"));
        List<String> originals = new ArrayList<>();
        JsonLines.forEach(Path.of(args[0]), doc -> {
            String text = doc.path("text").asText();
            if (originals.size() < documents && !text.isBlank()) {
                originals.add(text);
            }
        });
        List<Double> rates = Arrays.stream(options.get("rates").split(","))
                .map(Double::valueOf)
                .toList();
        List<EditedCopies.Text> texts = EditedCopies.build(originals, rates, Long.parseLong(options.get("seed")));
        NearDuplicateOptions o = new NearDuplicateOptions(
                NearDuplicateOptions.SHINGLE_SIZE,
                Integer.parseInt(options.get("bands")),
                Integer.parseInt(options.get("rows")),
                NearDuplicateOptions.SEED,
                NearDuplicateOptions.THRESHOLD);
        System.out.printf(
                Locale.ROOT,
                "%d originals, %d texts; %d-word shingles, %d bands x %d rows, threshold %.2f%n",
                originals.size(),
                texts.size(),
                o.shingleSize(),
                o.bands(),
                o.rows(),
                o.threshold());
        quality(texts, rates, o);
        speed(texts, o, Integer.parseInt(options.get("rounds")));
    }

    private static void quality(List<EditedCopies.Text> texts, List<Double> rates, NearDuplicateOptions o) {
        MinHash minHash = new MinHash(o);
        NearDuplicates index = new NearDuplicates(o);
        List<long[]> shingles = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            shingles.add(minHash.shingles(texts.get(i).text()));
            index.add(Integer.toString(i), minHash.signature(texts.get(i).text()));
        }
        Set<Long> detected = new HashSet<>();
        Set<Long> candidates = new HashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            Signature s = minHash.signature(texts.get(i).text());
            for (String c : index.candidates(s)) {
                if (!c.equals(Integer.toString(i))) {
                    candidates.add(key(i, Integer.parseInt(c)));
                }
            }
            for (NearDuplicate d : index.nearDuplicatesOf(Integer.toString(i))) {
                detected.add(key(i, Integer.parseInt(d.documentId())));
            }
        }
        Map<String, long[]> rows = new TreeMap<>(); // pairs, labelled, detected, true positives, sum of Jaccard (x1e6)
        for (double rate : rates) {
            rows.put(group(rate), new long[5]);
        }
        double[] errors = {1, 0}; // the least exact Jaccard of a false positive, the greatest of a false negative
        long positives = 0;
        long truePositives = 0;
        long labelledCandidates = 0;
        for (EditedCopies.Pair p : EditedCopies.overlapping(shingles)) {
            EditedCopies.Text a = texts.get(p.i());
            EditedCopies.Text b = texts.get(p.j());
            String g = a.family() != b.family()
                    ? "unrelated texts sharing a shingle"
                    : a.rate() == 0 || b.rate() == 0 ? group(Math.max(a.rate(), b.rate())) : "copies of one original";
            boolean label = p.jaccard() >= o.threshold();
            boolean found = detected.contains(key(p.i(), p.j()));
            long[] r = rows.computeIfAbsent(g, k -> new long[5]);
            r[0]++;
            r[1] += label ? 1 : 0;
            r[2] += found ? 1 : 0;
            r[3] += label && found ? 1 : 0;
            r[4] += Math.round(p.jaccard() * 1e6);
            if (label != found) {
                errors[label ? 1 : 0] = label ? Math.max(errors[1], p.jaccard()) : Math.min(errors[0], p.jaccard());
            }
            positives += label ? 1 : 0;
            labelledCandidates += label && candidates.contains(key(p.i(), p.j())) ? 1 : 0;
            truePositives += label && found ? 1 : 0;
        }
        System.out.printf(
                Locale.ROOT,
                "%-34s %8s %8s %8s %6s %9s %7s %7s%n",
                "pairs",
                "pairs",
                "labelled",
                "detected",
                "TP",
                "precision",
                "recall",
                "mean J");
        rows.forEach((g, r) -> System.out.printf(
                Locale.ROOT,
                "%-34s %8d %8d %8d %6d %9s %7s %7.3f%n",
                g,
                r[0],
                r[1],
                r[2],
                r[3],
                ratio(r[3], r[2]),
                ratio(r[3], r[1]),
                r[4] / 1e6 / Math.max(1, r[0])));
        long all = (long) texts.size() * (texts.size() - 1) / 2;
        System.out.printf(
                Locale.ROOT,
                "all %d pairs: %d labelled, %d detected, %d true positives: precision %s, recall %s;"
                        + " %d LSH candidate pairs, holding %d of the labelled%n",
                all,
                positives,
                detected.size(),
                truePositives,
                ratio(truePositives, detected.size()),
                ratio(truePositives, positives),
                candidates.size(),
                labelledCandidates);
        System.out.printf(
                Locale.ROOT,
                "errors lie near the threshold: false positives' exact Jaccard from %.3f, false negatives' up to %.3f%n",
                errors[0],
                errors[1]);
    }

    private static String group(double rate) {
        return String.format(Locale.ROOT, "original vs copy at %4.1f%%", rate * 100);
    }

    private static long key(int i, int j) {
        return (long) Math.min(i, j) << 32 | Math.max(i, j);
    }

    private static String ratio(long n, long d) {
        return d == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) n / d);
    }

    private static void speed(List<EditedCopies.Text> texts, NearDuplicateOptions o, int rounds) {
        MinHash minHash = new MinHash(o);
        long chars = texts.stream().mapToLong(t -> t.text().length()).sum();
        double[] micros = new double[rounds];
        long sink = 0;
        for (int r = -3; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (EditedCopies.Text t : texts) {
                sink += minHash.signature(t.text()).shingles();
            }
            if (r >= 0) {
                micros[r] = (System.nanoTime() - t0) / 1e3 / texts.size();
            }
        }
        consumed = sink;
        Arrays.sort(micros);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        NearDuplicates index = new NearDuplicates(o);
        for (int i = 0; i < texts.size(); i++) {
            index.add(Integer.toString(i), minHash.signature(texts.get(i).text()));
        }
        System.gc();
        long heap = rt.totalMemory() - rt.freeMemory() - before;
        System.out.printf(
                Locale.ROOT,
                "signature: %.1f µs median (min %.1f, max %.1f) over %d rounds, %.0f chars a text;"
                        + " %d bytes encoded; index heap about %d bytes a document (%d documents)%n",
                micros[rounds / 2],
                micros[0],
                micros[rounds - 1],
                rounds,
                (double) chars / texts.size(),
                minHash.signature(texts.get(0).text()).toBytes().length,
                heap / Math.max(1, index.size()),
                index.size());
    }
}
