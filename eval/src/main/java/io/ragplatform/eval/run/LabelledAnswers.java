package io.ragplatform.eval.run;

import io.ragplatform.eval.grounded.GroundednessResult;
import io.ragplatform.eval.metrics.Auroc;
import io.ragplatform.eval.metrics.ConfidenceInterval;
import io.ragplatform.eval.store.EvalItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well a run's answer scores separate the answers its set labels supported from those it labels unsupported: the
 * AUROC of the continuous {@code support} and of the supported share {@code groundedness}, and the balanced accuracy
 * of the verdict (supported when no claim is unsupported), each with a stratified bootstrap interval
 * ({@link Auroc#ci}), over the judged answers that carry a label, in item-ID order.
 */
final class LabelledAnswers {
    private LabelledAnswers() {}

    /**
     * {@link RunMetrics#SUPPORT_AUROC}, {@link RunMetrics#GROUNDEDNESS_AUROC} and
     * {@link RunMetrics#VERDICT_BALANCED_ACCURACY}; empty unless the labelled judged
     * answers include both a supported and an unsupported one.
     *
     * @param answers the judged answers by item ID
     */
    static Map<String, ConfidenceInterval> aurocs(List<EvalItem> items, Map<String, GroundednessResult> answers) {
        Map<String, Boolean> labels = new TreeMap<>();
        for (EvalItem item : items) {
            if (item.label() != null && answers.containsKey(item.id())) {
                labels.put(item.id(), item.label());
            }
        }
        boolean[] positive = new boolean[labels.size()];
        List<Double> support = new ArrayList<>();
        List<Double> grounded = new ArrayList<>();
        List<Double> verdicts = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Boolean> l : labels.entrySet()) {
            positive[i++] = l.getValue();
            support.add(answers.get(l.getKey()).support());
            grounded.add(answers.get(l.getKey()).groundedness());
            verdicts.add(answers.get(l.getKey()).hallucinated() ? 0.0 : 1.0);
        }
        Map<String, ConfidenceInterval> out = new TreeMap<>();
        if (labels.containsValue(true) && labels.containsValue(false)) {
            out.put(RunMetrics.SUPPORT_AUROC, Auroc.ci(array(support), positive));
            out.put(RunMetrics.GROUNDEDNESS_AUROC, Auroc.ci(array(grounded), positive));
            out.put(RunMetrics.VERDICT_BALANCED_ACCURACY, Auroc.balancedAccuracyCi(array(verdicts), positive, 0.5));
        }
        return out;
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
