package io.ragplatform.eval.grounded;

import io.ragplatform.eval.grounded.BenchData.Example;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The choice of {@link AlignContrastScorer#DEFAULT_DOCUMENT_MODEL}'s grounding weights on SummEdits, held out: for
 * each domain in turn, the weights with the best mean AUROC over the {@code evaluation} ("tune") rows of the five
 * other domains, and the verdict's threshold with the best balanced accuracy on the same rows; both are then measured
 * on the held-out domain's {@code test} rows. No figure of a domain is chosen on that domain. The last line is the
 * choice on the tune rows of all six domains: the default's.
 */
final class DocumentGrid {
    private DocumentGrid() {}

    private static final double[] MISSING_WORD = {0, 0.01, 0.03};
    private static final double[] MISSING_ENTITY = {0.2, 0.3, 0.4, 0.5, 0.6};
    private static final double[] MISSING_SHARE = {0, 0.7};

    static void print(List<Example> examples, List<List<AlignContrastScorer.Features>> feats) {
        Map<String, double[]> variants = new LinkedHashMap<>();
        AlignContrastScorer.Model d = AlignContrastScorer.DEFAULT_MODEL;
        for (double word : MISSING_WORD) {
            for (double entity : MISSING_ENTITY) {
                for (double share : MISSING_SHARE) {
                    AlignContrastScorer.Model doc =
                            AlignContrastScorer.DEFAULT_DOCUMENT_MODEL.withGrounding(word, entity, share);
                    variants.put(
                            String.format(Locale.ROOT, "word %.2f, entity %.1f, share %.1f", word, entity, share),
                            AlignVariants.scoreAll(feats, f -> AlignContrastScorer.score(f, f.document() ? doc : d)));
                }
            }
        }
        List<String> domains =
                examples.stream().map(Example::dataset).distinct().toList();
        System.out.println();
        System.out.println("Document weights (missing word, entity, share) chosen per held-out domain by the mean"
                + " AUROC of the other domains' tune rows; threshold from the same rows; figures on the held-out"
                + " domain's test rows:");
        System.out.println("| held-out domain | weights chosen | threshold | AUROC | balanced accuracy |");
        System.out.println("|---|---|---|---|---|");
        double sumAuroc = 0;
        double sumBacc = 0;
        for (String held : domains) {
            Predicate<Example> tune =
                    e -> e.split().equals("tune") && !e.dataset().equals(held);
            List<String> others = domains.stream().filter(o -> !o.equals(held)).toList();
            String chosen = best(examples, variants, others);
            double[] s = variants.get(chosen);
            double t = Subsets.bestThreshold(examples, s, tune);
            double auroc = Subsets.auroc(examples, s, held, "test", false);
            double bacc = Subsets.balancedAccuracy(examples, s, held, "test", t);
            sumAuroc += auroc;
            sumBacc += bacc;
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %.3f | %.3f | %.3f |%n",
                    held.substring("summedits-".length()),
                    chosen,
                    t,
                    auroc,
                    bacc);
        }
        System.out.printf(
                Locale.ROOT, "| mean | | | %.3f | %.3f |%n", sumAuroc / domains.size(), sumBacc / domains.size());
        String all = best(examples, variants, domains);
        double tuneMean = domains.stream()
                .mapToDouble(o -> Subsets.auroc(examples, variants.get(all), o, "tune", false))
                .average()
                .orElse(0);
        System.out.printf(
                Locale.ROOT, "chosen on the tune rows of all six domains: %s (their mean AUROC %.3f)%n", all, tuneMean);
    }

    /** The variant with the best mean AUROC over the tune rows of {@code domains}; the first listed on a tie. */
    private static String best(List<Example> examples, Map<String, double[]> variants, List<String> domains) {
        String best = null;
        double bestMean = -1;
        for (Map.Entry<String, double[]> v : variants.entrySet()) {
            List<Double> a = new ArrayList<>();
            for (String o : domains) {
                a.add(Subsets.auroc(examples, v.getValue(), o, "tune", false));
            }
            double mean = a.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            if (mean > bestMean + 1e-12) {
                bestMean = mean;
                best = v.getKey();
            }
        }
        return best;
    }
}
