package io.ragplatform.eval.grounded;

import io.ragplatform.eval.grounded.BenchData.Example;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --features} file: one tab-separated line per claim (example, label, the baseline scores of its answer and
 * every {@link AlignContrastScorer.Features} component), for analysis outside the bench.
 */
final class FeaturesTsv {
    private FeaturesTsv() {}

    static void write(
            Path out, List<Example> ex, List<List<AlignContrastScorer.Features>> feats, double[] lex, double[] emb)
            throws IOException {
        RecordComponent[] comps = AlignContrastScorer.Features.class.getRecordComponents();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            StringBuilder h =
                    new StringBuilder("dataset\tsplit\tid\tweight\tgrounded\tclaim_index\tlexical\tembedding");
            for (var c : comps) {
                h.append('\t').append(c.getName());
            }
            w.println(h.append("\tanswer"));
            for (int i = 0; i < ex.size(); i++) {
                Example e = ex.get(i);
                List<AlignContrastScorer.Features> fs = feats.get(i);
                for (int k = 0; k < fs.size(); k++) {
                    AlignContrastScorer.Features f = fs.get(k);
                    if (f == null) {
                        continue;
                    }
                    StringBuilder sb = new StringBuilder();
                    sb.append(String.format(
                            Locale.ROOT,
                            "%s\t%s\t%s\t%d\t%d\t%d\t%.5f\t%.5f",
                            e.dataset(),
                            e.split(),
                            e.id(),
                            e.weight(),
                            e.grounded() ? 1 : 0,
                            k,
                            lex[i],
                            emb[i]));
                    for (var c : comps) {
                        Object v;
                        try {
                            v = c.getAccessor().invoke(f);
                        } catch (ReflectiveOperationException x) {
                            throw new IllegalStateException(x);
                        }
                        sb.append('\t')
                                .append(
                                        v instanceof Boolean b
                                                ? (b ? "1" : "0")
                                                : v instanceof Double d
                                                        ? String.format(Locale.ROOT, "%.5f", d)
                                                        : clean(String.valueOf(v)));
                    }
                    w.println(sb.append('\t').append(clean(e.answer())));
                }
            }
        }
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }
}
