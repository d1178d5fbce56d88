package io.ragplatform.eval.grounded;

import io.ragplatform.eval.grounded.BenchData.Example;
import io.ragplatform.index.Embedders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Groundedness on SummEdits (six domains of summaries, consistent or minimally edited, against long documents): per
 * domain, the AUROC of several answer scores built from the claim scores, and the balanced accuracy of a verdict whose
 * threshold is chosen on the tune rows of the other domains (the domain itself held out) or of all of them, and at
 * the default threshold. Usage: {@code SummEditsBench DATA_DIR [--model NAME] [--cache FILE] [--window N]
 * [--document-window N] [--no-decontext] [--grid]} where DATA_DIR holds {@code summedits/}; {@code --window} and
 * {@code --document-window} are the most consecutive sentences one piece of evidence joins in short passages and in
 * long documents or dialogues; {@code --no-decontext} scores claims as written; {@code --grid} chooses the document
 * weights per held-out domain on the other domains' tune rows ({@link DocumentGrid}).
 */
public final class SummEditsBench {
    private SummEditsBench() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SummEditsBench DATA_DIR [--model NAME] [--cache FILE] [--window N]"
                    + " [--document-window N] [--no-decontext] [--grid]");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        String model = Embedders.ALL_MINILM_L6_V2_Q;
        Path cacheFile = null;
        int window = 1;
        int documentWindow = AlignContrastScorer.DEFAULT_DOCUMENT_WINDOW;
        boolean decontext = true;
        boolean grid = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--model") && i + 1 < args.length) {
                model = args[++i];
            } else if (args[i].equals("--cache") && i + 1 < args.length) {
                cacheFile = Path.of(args[++i]);
            } else if (args[i].equals("--window") && i + 1 < args.length) {
                window = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--document-window") && i + 1 < args.length) {
                documentWindow = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--no-decontext")) {
                decontext = false;
            } else if (args[i].equals("--grid")) {
                grid = true;
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
        AlignContrastScorer.Model before0 = AlignContrastScorer.DEFAULT_MODEL;
        AlignContrastScorer previous = new AlignContrastScorer(embedder, before0, 1);
        AlignContrastScorer align = new AlignContrastScorer(
                embedder,
                AlignContrastScorer.DEFAULT_MODEL,
                AlignContrastScorer.DEFAULT_DOCUMENT_MODEL,
                window,
                documentWindow);
        boolean sameFeatures = window == 1 && documentWindow == 1;
        List<List<AlignContrastScorer.Features>> feats = new ArrayList<>();
        double[] before = new double[examples.size()];
        double[] lex = new double[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            List<String> claims = splitter.split(e.answer());
            if (claims.isEmpty()) {
                claims = List.of(e.answer());
            }
            List<String> checked = decontext ? Decontextualizer.resolve(claims) : claims;
            List<AlignContrastScorer.Features> fs = new ArrayList<>();
            double lexMin = 1;
            double beforeMin = 1;
            for (int c = 0; c < claims.size(); c++) {
                fs.add(align.features(checked.get(c), e.contexts()));
                lexMin = Math.min(lexMin, lexical.support(claims.get(c), e.contexts()));
                beforeMin = Math.min(
                        beforeMin,
                        sameFeatures && !decontext
                                ? AlignContrastScorer.score(fs.get(c), before0)
                                : previous.support(claims.get(c), e.contexts()));
            }
            feats.add(fs);
            lex[i] = lexMin;
            before[i] = beforeMin;
        }
        embedder.save();
        System.out.printf(
                Locale.ROOT,
                "model %s, evidence windows of up to %d sentences (%d in long documents and dialogues),"
                        + " decontextualized claims %s: scored %d summaries in %.1f s%n",
                model,
                window,
                documentWindow,
                decontext ? "on" : "off",
                examples.size(),
                (System.nanoTime() - t0) / 1e9);
        long documents = feats.stream()
                .filter(fs -> fs.stream().anyMatch(f -> f != null && f.document()))
                .count();
        System.out.printf(Locale.ROOT, "summaries against a long document or a dialogue: %d%n", documents);

        Map<String, double[]> scores = new LinkedHashMap<>();
        scores.put("lexical coverage, weakest claim (baseline)", lex);
        scores.put("previous default: one model, single sentences, claims as written, weakest claim", before);
        for (ItemSupport.Aggregate a : ItemSupport.Aggregate.values()) {
            scores.put("align-contrast, " + a.label(), AlignVariants.scoreAll(feats, align::score, a));
        }
        scores.put(
                "align-contrast, weakest claim, without the modality, quantifier and cause cues",
                AlignVariants.scoreAll(
                        feats,
                        f -> AlignContrastScorer.score(
                                f, AlignVariants.d(f).without("modality", "quantifier", "causeReversal"))));
        aurocTable(examples, scores);
        verdictTable(examples, scores);
        defaultThresholdTable(examples, scores);
        if (grid) {
            DocumentGrid.print(examples, feats);
        }
    }

    private static List<String> datasets(List<Example> examples) {
        return examples.stream().map(Example::dataset).distinct().toList();
    }

    /** One cell of a table: the value its row's mean averages, and the text shown. */
    private record Cell(double value, String text) {}

    /** A table with a row per answer score and a column per domain, then the mean of the row's values. */
    private static void table(
            String title,
            List<Example> examples,
            Map<String, double[]> scores,
            String meanColumn,
            BiFunction<String, double[], Cell> cell) {
        List<String> sets = datasets(examples);
        System.out.println();
        System.out.println(title);
        StringBuilder head = new StringBuilder("| answer score |");
        for (String d : sets) {
            head.append(' ')
                    .append(d.substring("summedits-".length()))
                    .append(" (")
                    .append(Subsets.counts(examples, d, "test", false))
                    .append(") |");
        }
        System.out.println(head.append(' ').append(meanColumn).append(" |"));
        System.out.println("|---".repeat(sets.size() + 2) + "|");
        for (Map.Entry<String, double[]> s : scores.entrySet()) {
            StringBuilder row = new StringBuilder("| " + s.getKey() + " |");
            double sum = 0;
            for (String d : sets) {
                Cell c = cell.apply(d, s.getValue());
                sum += c.value();
                row.append(' ').append(c.text()).append(" |");
            }
            System.out.println(row.append(String.format(Locale.ROOT, " %.3f |", sum / sets.size())));
        }
    }

    /** AUROC on each domain's test rows. */
    private static void aurocTable(List<Example> examples, Map<String, double[]> scores) {
        table("AUROC on the test rows (supported above edited):", examples, scores, "mean", (d, s) -> {
            double a = Subsets.auroc(examples, s, d, "test", false);
            return new Cell(a, String.format(Locale.ROOT, "%.3f", a));
        });
    }

    /**
     * Balanced accuracy on each domain's test rows of the verdict "score at or above t": t chosen on the tune rows of
     * the five other domains (held out), and on the domain's own tune rows (the benchmark's protocol, a threshold per
     * model and domain).
     */
    private static void verdictTable(List<Example> examples, Map<String, double[]> scores) {
        table(
                "Balanced accuracy on the test rows; threshold from the other domains' tune rows (held out) / from the"
                        + " domain's own tune rows:",
                examples,
                scores,
                "mean held out",
                (d, s) -> {
                    double heldOut = Subsets.bestThreshold(
                            examples,
                            s,
                            e -> e.split().equals("tune") && !e.dataset().equals(d));
                    double own = Subsets.bestThreshold(
                            examples,
                            s,
                            e -> e.split().equals("tune") && e.dataset().equals(d));
                    double a = Subsets.balancedAccuracy(examples, s, d, "test", heldOut);
                    double b = Subsets.balancedAccuracy(examples, s, d, "test", own);
                    return new Cell(a, String.format(Locale.ROOT, "%.3f / %.3f (t=%.2f)", a, b, heldOut));
                });
    }

    /** Balanced accuracy on each domain's test rows at the default threshold (no SummEdits row chooses it). */
    private static void defaultThresholdTable(List<Example> examples, Map<String, double[]> scores) {
        table(
                String.format(
                        Locale.ROOT,
                        "Balanced accuracy on the test rows at the default threshold %.2f:",
                        SupportScorers.DEFAULT_THRESHOLD),
                examples,
                scores,
                "mean",
                (d, s) -> {
                    double a = Subsets.balancedAccuracy(examples, s, d, "test", SupportScorers.DEFAULT_THRESHOLD);
                    return new Cell(a, String.format(Locale.ROOT, "%.3f", a));
                });
    }
}
