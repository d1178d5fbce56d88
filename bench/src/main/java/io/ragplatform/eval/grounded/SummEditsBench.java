package io.ragplatform.eval.grounded;

import io.ragplatform.eval.grounded.BenchData.Example;
import io.ragplatform.eval.metrics.Auroc;
import io.ragplatform.index.Embedders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groundedness on SummEdits (six domains of summaries, consistent or minimally edited, against long documents): per
 * domain, the AUROC of several answer scores built from the claim scores, and the balanced accuracy of a verdict whose
 * threshold is chosen on the tune rows of the other domains (the domain itself held out) or of all of them. Usage:
 * {@code SummEditsBench DATA_DIR [--model NAME] [--cache FILE]} where DATA_DIR holds {@code summedits/}.
 */
public final class SummEditsBench {
    private SummEditsBench() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SummEditsBench DATA_DIR [--model NAME] [--cache FILE]");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        String model = Embedders.ALL_MINILM_L6_V2_Q;
        Path cacheFile = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--model") && i + 1 < args.length) {
                model = args[++i];
            } else if (args[i].equals("--cache") && i + 1 < args.length) {
                cacheFile = Path.of(args[++i]);
            }
        }
        List<Example> examples = new ArrayList<>();
        for (String domain : BenchData.SUMMEDITS_DOMAINS) {
            if (data.resolve("summedits/summedits_" + domain + ".json").toFile().isFile()) {
                examples.addAll(BenchData.summEdits(data.resolve("summedits"), domain));
            }
        }
        long t0 = System.nanoTime();
        CachingEmbedder embedder = new CachingEmbedder(Embedders.named(model, 0), cacheFile);
        ClaimSplitter splitter = new ClaimSplitter();
        LexicalCoverageScorer lexical = new LexicalCoverageScorer();
        AlignContrastScorer align = new AlignContrastScorer(embedder);
        List<double[]> claimScores = new ArrayList<>();
        double[] lex = new double[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            List<String> claims = splitter.split(e.answer());
            if (claims.isEmpty()) {
                claims = List.of(e.answer());
            }
            double[] s = new double[claims.size()];
            double lexMin = 1;
            for (int c = 0; c < s.length; c++) {
                s[c] = align.support(claims.get(c), e.contexts());
                lexMin = Math.min(lexMin, lexical.support(claims.get(c), e.contexts()));
            }
            claimScores.add(s);
            lex[i] = lexMin;
        }
        embedder.save();
        System.out.printf(
                Locale.ROOT,
                "model %s: scored %d summaries in %.1f s%n",
                model,
                examples.size(),
                (System.nanoTime() - t0) / 1e9);

        Map<String, double[]> scores = new LinkedHashMap<>();
        scores.put("lexical coverage, weakest claim (baseline)", lex);
        for (ItemSupport.Aggregate a : ItemSupport.Aggregate.values()) {
            double[] out = new double[examples.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ItemSupport.aggregate(a, claimScores.get(i), SupportScorers.DEFAULT_THRESHOLD);
            }
            scores.put("align-contrast, " + a.label(), out);
        }
        aurocTable(examples, scores);
        verdictTable(examples, scores);
    }

    private static List<String> datasets(List<Example> examples) {
        return examples.stream().map(Example::dataset).distinct().toList();
    }

    /** AUROC on each domain's test rows. */
    private static void aurocTable(List<Example> examples, Map<String, double[]> scores) {
        List<String> sets = datasets(examples);
        System.out.println();
        System.out.println("AUROC on the test rows (supported above edited):");
        StringBuilder head = new StringBuilder("| answer score |");
        for (String d : sets) {
            head.append(' ')
                    .append(d.substring("summedits-".length()))
                    .append(" (")
                    .append(Subsets.counts(examples, d, "test", false))
                    .append(") |");
        }
        System.out.println(head.append(" mean |"));
        System.out.println("|---".repeat(sets.size() + 2) + "|");
        for (Map.Entry<String, double[]> s : scores.entrySet()) {
            StringBuilder row = new StringBuilder("| " + s.getKey() + " |");
            double sum = 0;
            for (String d : sets) {
                double a = Subsets.auroc(examples, s.getValue(), d, "test", false);
                sum += a;
                row.append(String.format(Locale.ROOT, " %.3f |", a));
            }
            System.out.println(row.append(String.format(Locale.ROOT, " %.3f |", sum / sets.size())));
        }
    }

    /**
     * Balanced accuracy on each domain's test rows of the verdict "score at or above t": t chosen on the tune rows of
     * the five other domains (held out), and on the domain's own tune rows (the benchmark's protocol, a threshold per
     * model and domain).
     */
    private static void verdictTable(List<Example> examples, Map<String, double[]> scores) {
        List<String> sets = datasets(examples);
        System.out.println();
        System.out.println("Balanced accuracy on the test rows; threshold from the other domains' tune rows"
                + " (held out) / from the domain's own tune rows:");
        StringBuilder head = new StringBuilder("| answer score |");
        sets.forEach(
                d -> head.append(' ').append(d.substring("summedits-".length())).append(" |"));
        System.out.println(head.append(" mean held out |"));
        System.out.println("|---".repeat(sets.size() + 2) + "|");
        for (Map.Entry<String, double[]> s : scores.entrySet()) {
            StringBuilder row = new StringBuilder("| " + s.getKey() + " |");
            double sum = 0;
            for (String d : sets) {
                double heldOut =
                        threshold(examples, s.getValue(), e -> !e.dataset().equals(d));
                double own = threshold(examples, s.getValue(), e -> e.dataset().equals(d));
                double a = Subsets.balancedAccuracy(examples, s.getValue(), d, "test", heldOut);
                double b = Subsets.balancedAccuracy(examples, s.getValue(), d, "test", own);
                sum += a;
                row.append(String.format(Locale.ROOT, " %.3f / %.3f (t=%.2f) |", a, b, heldOut));
            }
            System.out.println(row.append(String.format(Locale.ROOT, " %.3f |", sum / sets.size())));
        }
    }

    /** The threshold of the best balanced accuracy on the tune rows that {@code which} selects. */
    private static double threshold(
            List<Example> examples, double[] scores, java.util.function.Predicate<Example> which) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            if (examples.get(i).split().equals("tune") && which.test(examples.get(i))) {
                idx.add(i);
            }
        }
        double[] s = new double[idx.size()];
        boolean[] p = new boolean[idx.size()];
        for (int k = 0; k < s.length; k++) {
            s[k] = scores[idx.get(k)];
            p[k] = examples.get(idx.get(k)).grounded();
        }
        return Auroc.bestBalancedAccuracy(s, p)[1];
    }
}
