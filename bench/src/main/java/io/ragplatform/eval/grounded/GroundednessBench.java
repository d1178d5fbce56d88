package io.ragplatform.eval.grounded;

import static io.ragplatform.eval.grounded.Subsets.auroc;
import static io.ragplatform.eval.grounded.Subsets.balancedAccuracy;
import static io.ragplatform.eval.grounded.Subsets.counts;
import static io.ragplatform.eval.grounded.Subsets.rate;

import io.ragplatform.eval.grounded.BenchData.Example;
import io.ragplatform.index.Embedders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Measures the support scorers on public labelled data: AUROC (supported above hallucinated / contradicted) per
 * scorer and dataset. Usage: {@code GroundednessBench DATA_DIR [--features FILE.tsv] [--grid]} where DATA_DIR holds
 * {@code halueval-qa/}, {@code scifact-claims/} and {@code beir-scifact/}. {@code --grid} prints the grids that chose
 * the missing-share weight, the number-conflict weight and floor, and the threshold, on the tune halves only.
 */
public final class GroundednessBench {
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: GroundednessBench DATA_DIR [--features FILE.tsv] [--model NAME] [--cache FILE]"
                    + " [--window N] [--grid]");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path featuresOut = null;
        Path cacheFile = null;
        boolean grid = false;
        int window = 1;
        String model = Embedders.ALL_MINILM_L6_V2_Q;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--features") && i + 1 < args.length) {
                featuresOut = Path.of(args[++i]);
            } else if (args[i].equals("--model") && i + 1 < args.length) {
                model = args[++i];
            } else if (args[i].equals("--cache") && i + 1 < args.length) {
                cacheFile = Path.of(args[++i]);
            } else if (args[i].equals("--window") && i + 1 < args.length) {
                window = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--grid")) {
                grid = true;
            }
        }
        List<Example> examples = new ArrayList<>(BenchData.haluEval(data.resolve("halueval-qa")));
        examples.addAll(BenchData.sciFact(data.resolve("scifact-claims"), data.resolve("beir-scifact")));

        long t0 = System.nanoTime();
        CachingEmbedder embedder = new CachingEmbedder(Embedders.named(model, 0), cacheFile);
        ClaimSplitter splitter = new ClaimSplitter();
        LexicalCoverageScorer lexical = new LexicalCoverageScorer();
        EmbeddingSimilarityScorer embedding = new EmbeddingSimilarityScorer(embedder);
        AlignContrastScorer align = new AlignContrastScorer(
                embedder,
                AlignContrastScorer.DEFAULT_MODEL,
                AlignContrastScorer.DEFAULT_DOCUMENT_MODEL,
                window,
                Math.max(window, AlignContrastScorer.DEFAULT_DOCUMENT_WINDOW));

        int n = examples.size();
        double[] lex = new double[n];
        double[] emb = new double[n];
        List<List<AlignContrastScorer.Features>> feats = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Example e = examples.get(i);
            List<String> claims = splitter.split(e.answer());
            if (claims.isEmpty()) {
                claims = List.of(e.answer());
            }
            lex[i] = min(claims, c -> lexical.support(c, e.contexts()));
            emb[i] = min(claims, c -> embedding.support(c, e.contexts()));
            List<AlignContrastScorer.Features> fs = new ArrayList<>();
            for (String c : Decontextualizer.resolve(claims)) {
                fs.add(align.features(c, e.contexts()));
            }
            feats.add(fs);
        }
        // control: each SciFact claim against another claim's abstract (shows what a cue finds without its evidence)
        List<Integer> sci = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (examples.get(i).dataset().equals("scifact-claims")) {
                sci.add(i);
            }
        }
        List<Example> controls = new ArrayList<>();
        List<List<AlignContrastScorer.Features>> controlFeats = new ArrayList<>();
        for (int k = 0; k < sci.size(); k++) {
            Example e = examples.get(sci.get(k));
            Example other = examples.get(sci.get((k + sci.size() / 2) % sci.size()));
            controls.add(
                    new Example("scifact-control", e.id(), e.answer(), other.contexts(), e.grounded(), e.split(), 1));
            controlFeats.add(List.of(align.features(e.answer(), other.contexts())));
        }
        HandCases.Scored hand = HandCases.score(align);
        embedder.save();
        System.out.printf(
                Locale.ROOT, "model %s: scored %d answers in %.1f s%n", model, n, (System.nanoTime() - t0) / 1e9);

        Map<String, double[]> scores = new LinkedHashMap<>();
        scores.put("lexical-coverage (baseline)", lex);
        scores.put("embedding-similarity (" + model + ")", emb);
        for (Map.Entry<String, ToDoubleFunction<AlignContrastScorer.Features>> v :
                AlignVariants.all().entrySet()) {
            scores.put(v.getKey(), AlignVariants.scoreAll(feats, v.getValue()));
        }
        ToDoubleFunction<AlignContrastScorer.Features> byDefault =
                f -> AlignContrastScorer.score(f, AlignVariants.d(f));
        for (ItemSupport.Aggregate a : ItemSupport.Aggregate.values()) {
            if (a != ItemSupport.Aggregate.MIN) {
                scores.put(
                        "answer score: " + a.label() + " (default is the weakest claim)",
                        AlignVariants.scoreAll(feats, byDefault, a));
            }
        }
        double[] claimNeg = new double[n];
        for (int i = 0; i < n; i++) {
            claimNeg[i] = feats.get(i).stream().anyMatch(f -> f != null && f.negClaim() > 0) ? 0 : 1;
        }
        scores.put("diagnostic: claim has no negation (context ignored)", claimNeg);

        aurocTable(examples, scores);
        controlTable(controls, controlFeats);
        thresholdTables(examples, scores);
        if (grid) {
            TuneGrids.print(examples, feats, hand);
        }
        if (featuresOut != null) {
            List<Example> all = new ArrayList<>(examples);
            all.addAll(controls);
            List<List<AlignContrastScorer.Features>> allFeats = new ArrayList<>(feats);
            allFeats.addAll(controlFeats);
            double[] lex2 = Arrays.copyOf(lex, all.size());
            double[] emb2 = Arrays.copyOf(emb, all.size());
            FeaturesTsv.write(featuresOut, all, allFeats, lex2, emb2);
            System.out.println("features: " + featuresOut);
        }
    }

    /** AUROC of every scorer per dataset and half, SciFact also per labelled row. */
    private static void aurocTable(List<Example> examples, Map<String, double[]> scores) {
        System.out.println();
        String row = "%-56s %9s %9s %9s %9s %9s %9s %9s%n";
        String num = "%-56s %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f%n";
        System.out.println("AUROC (supported above hallucinated/contradicted); tune/test: fixed halves, seed "
                + BenchData.SPLIT_SEED + "; sf rows: SciFact counted per labelled row");
        System.out.printf(
                Locale.ROOT,
                row,
                "scorer",
                "halu all",
                "halu tune",
                "halu test",
                "sf all",
                "sf tune",
                "sf test",
                "sf rows");
        System.out.printf(
                Locale.ROOT,
                row,
                "n (supported/not)",
                counts(examples, "halueval-qa", null, false),
                counts(examples, "halueval-qa", "tune", false),
                counts(examples, "halueval-qa", "test", false),
                counts(examples, "scifact-claims", null, false),
                counts(examples, "scifact-claims", "tune", false),
                counts(examples, "scifact-claims", "test", false),
                counts(examples, "scifact-claims", null, true));
        for (Map.Entry<String, double[]> s : scores.entrySet()) {
            System.out.printf(
                    Locale.ROOT,
                    num,
                    s.getKey(),
                    auroc(examples, s.getValue(), "halueval-qa", null, false),
                    auroc(examples, s.getValue(), "halueval-qa", "tune", false),
                    auroc(examples, s.getValue(), "halueval-qa", "test", false),
                    auroc(examples, s.getValue(), "scifact-claims", null, false),
                    auroc(examples, s.getValue(), "scifact-claims", "tune", false),
                    auroc(examples, s.getValue(), "scifact-claims", "test", false),
                    auroc(examples, s.getValue(), "scifact-claims", null, true));
        }
    }

    /** The control set under the consistency variants: what a cue reads from the claim alone. */
    private static void controlTable(List<Example> controls, List<List<AlignContrastScorer.Features>> controlFeats) {
        System.out.println();
        System.out.println(
                "control: each SciFact claim against another claim's abstract (an evidence-based cue drops to"
                        + " 0.5 here; what stays above 0.5 is read from the claim alone)");
        System.out.printf(Locale.ROOT, "%-56s %9s %9s %9s%n", "scorer", "ctl all", "ctl tune", "ctl test");
        for (String k : List.of(
                "align-contrast (default)",
                "  consistency only (no grounding term)",
                "  consistency: lexical cues only (no flip tests)",
                "  consistency: flip tests only")) {
            double[] c =
                    AlignVariants.scoreAll(controlFeats, AlignVariants.all().get(k));
            System.out.printf(
                    Locale.ROOT,
                    "%-56s %9.3f %9.3f %9.3f%n",
                    k,
                    auroc(controls, c, "scifact-control", null, false),
                    auroc(controls, c, "scifact-control", "tune", false),
                    auroc(controls, c, "scifact-control", "test", false));
        }
    }

    /** Balanced accuracy and the kept / flagged shares at the default threshold. */
    private static void thresholdTables(List<Example> examples, Map<String, double[]> scores) {
        double[] def = scores.get("align-contrast (default)");
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "align-contrast (default) at threshold %.2f: balanced accuracy halueval-qa %.3f,"
                        + " scifact-claims %.3f%n",
                SupportScorers.DEFAULT_THRESHOLD,
                balancedAccuracy(examples, def, "halueval-qa"),
                balancedAccuracy(examples, def, "scifact-claims"));
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "at threshold %.2f (all): balanced accuracy, share of supported answers kept"
                        + " (>= threshold), share of unsupported answers flagged (below)%n",
                SupportScorers.DEFAULT_THRESHOLD);
        System.out.printf(
                Locale.ROOT,
                "%-56s %9s %9s %9s %9s %9s %9s%n",
                "scorer",
                "halu bacc",
                "halu kept",
                "halu flag",
                "sf bacc",
                "sf kept",
                "sf flag");
        for (String k : List.of(
                "align-contrast (default)",
                "  default without the number-conflict cue",
                "  default without the missing-share term",
                "  trade-off: missing share from 0.25, weight 0.5",
                "  trade-off: missing share from 0, weight 0.3")) {
            double[] sc = scores.get(k);
            System.out.printf(
                    Locale.ROOT,
                    "%-56s %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f%n",
                    k,
                    balancedAccuracy(examples, sc, "halueval-qa"),
                    rate(examples, sc, "halueval-qa", true),
                    rate(examples, sc, "halueval-qa", false),
                    balancedAccuracy(examples, sc, "scifact-claims"),
                    rate(examples, sc, "scifact-claims", true),
                    rate(examples, sc, "scifact-claims", false));
        }
    }

    private static double min(List<String> claims, ToDoubleFunction<String> f) {
        double m = 1;
        for (String c : claims) {
            m = Math.min(m, f.applyAsDouble(c));
        }
        return m;
    }
}
