package io.ragplatform.eval.grounded;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.ragplatform.error.RagException;
import io.ragplatform.index.PaddedBatch;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A cross-encoder NLI or fact-checking model of the user's, run in process through ONNX Runtime.
 *
 * <p><b>Input.</b> Premise = evidence, hypothesis = claim, encoded as a pair by the model's own tokenizer ({@code
 * [CLS] premise [SEP] claim [SEP]} for BERT, {@code <s> premise </s></s> claim </s>} for RoBERTa, as its
 * tokenizer.json says), fed as {@code input_ids} and {@code attention_mask}, and {@code token_type_ids} only when the
 * model declares that input. Inputs of one batch are padded on the right with the tokenizer's pad ID (0 when
 * tokenizer.json names none) under a zero mask.
 *
 * <p><b>Long evidence.</b> Each context that fits the token budget with the claim is one premise. A longer one is
 * split into sentences ({@link ClaimSplitter}) packed greedily into windows of consecutive sentences that fit, each
 * window starting at the last sentence of the one before (an overlap of one sentence, so that a fact spread over two
 * adjacent sentences is read together at least once). Windows never span two contexts. A single sentence longer than
 * the budget is one window, cut at the end (the premise is cut, never the claim). A claim so long that less than a
 * quarter of the input would be left for evidence is cut as well (longest first). The support is the maximum
 * entailment probability over all windows of all contexts: a claim is supported when some passage of the evidence
 * entails it, which is how SummaC's zero-shot checker (Laban et al., 2022) reads a long source with a model trained on
 * sentence-sized premises.
 *
 * <p><b>Output.</b> {@code logits} (else the model's first output), {@code [batch, labels]}: with several labels the
 * score is the softmax probability of the entailment label; with one it is the sigmoid of that logit.
 *
 * <p>Thread-safe: ONNX Runtime sessions and Hugging Face tokenizers may be used from several threads.
 */
final class OnnxNliScorer implements SupportScorer, AutoCloseable {
    static final String INVALID = "invalid_nli_model";

    /** Windows scored in one run of the model. */
    static final int BATCH = 8;

    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final String output;
    private final boolean typeIds;
    private final int entailment;
    private final HuggingFaceTokenizer premiseFirst;
    private final HuggingFaceTokenizer longestFirst;
    private final long padId;
    private final int maxTokens;
    private final int pairOverhead;
    private final String modelId;
    private final ClaimSplitter splitter = new ClaimSplitter();

    private OnnxNliScorer(
            OrtEnvironment environment,
            OrtSession.SessionOptions options,
            OrtSession session,
            String output,
            boolean typeIds,
            int entailment,
            HuggingFaceTokenizer premiseFirst,
            HuggingFaceTokenizer longestFirst,
            long padId,
            int maxTokens,
            String modelId) {
        this.environment = environment;
        this.options = options;
        this.session = session;
        this.output = output;
        this.typeIds = typeIds;
        this.entailment = entailment;
        this.premiseFirst = premiseFirst;
        this.longestFirst = longestFirst;
        this.padId = padId;
        this.maxTokens = maxTokens;
        this.modelId = modelId;
        // [CLS] a [SEP] b [SEP] is 3, <s> a </s></s> b </s> is 4: measured, not assumed
        this.pairOverhead = premiseFirst.encode("a", "b", true, false).getIds().length
                - premiseFirst.encode("a", false, false).getIds().length
                - premiseFirst.encode("b", false, false).getIds().length;
    }

    static OnnxNliScorer load(NliSettings settings) {
        Path model = settings.model()
                .orElseThrow(() -> RagException.invalid(
                        "invalid_request", "the nli scorer needs the path of the ONNX model to run (model.onnx)"));
        Path tokenizerPath = settings.effectiveTokenizer().orElseThrow();
        NliModelFiles.requireFile(model, "model");
        NliModelFiles.requireFile(tokenizerPath, "tokenizer");
        String modelId =
                model.getFileName() + "@sha256:" + NliModelFiles.sha256(model).substring(0, 12);
        HuggingFaceTokenizer premiseFirst = null;
        HuggingFaceTokenizer longestFirst = null;
        OrtSession.SessionOptions options = null;
        OrtSession session = null;
        try {
            premiseFirst = NliModelFiles.tokenizer(tokenizerPath, settings.maxTokens(), true);
            longestFirst = NliModelFiles.tokenizer(tokenizerPath, settings.maxTokens(), false);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            options = new OrtSession.SessionOptions();
            try {
                session = environment.createSession(model.toString(), options);
            } catch (OrtException e) {
                throw RagException.invalid(
                        INVALID, "ONNX Runtime cannot load the NLI model " + model + ": " + e.getMessage());
            }
            Map<String, NodeInfo> inputs = session.getInputInfo();
            NliModelFiles.checkInputs(model, inputs.keySet());
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            String output = outputs.containsKey("logits")
                    ? "logits"
                    : outputs.keySet().iterator().next();
            int labels = NliModelFiles.labels(model, output, outputs.get(output));
            int entailment = NliModelFiles.entailmentIndex(model, labels, settings.entailmentIndex());
            OnnxNliScorer scorer = new OnnxNliScorer(
                    environment,
                    options,
                    session,
                    output,
                    inputs.containsKey("token_type_ids"),
                    entailment,
                    premiseFirst,
                    longestFirst,
                    NliModelFiles.padId(tokenizerPath),
                    settings.maxTokens(),
                    modelId);
            premiseFirst = null;
            longestFirst = null;
            options = null;
            session = null;
            return scorer;
        } catch (OrtException e) {
            throw RagException.invalid(INVALID, "ONNX Runtime cannot read the NLI model " + model + ": " + e);
        } finally {
            closeQuietly(session, options, premiseFirst, longestFirst);
        }
    }

    @Override
    public double support(String claim, List<String> contexts) {
        if (contexts == null || contexts.isEmpty() || claim == null || claim.isBlank()) {
            return 0;
        }
        String hypothesis = claim.strip();
        int claimTokens = count(hypothesis);
        int budget = maxTokens - pairOverhead - claimTokens;
        boolean cutClaim = budget < maxTokens / 4;
        List<String> windows = windows(contexts, cutClaim ? maxTokens / 4 : budget);
        double best = 0;
        for (int from = 0; from < windows.size(); from += BATCH) {
            List<String> batch = windows.subList(from, Math.min(windows.size(), from + BATCH));
            for (double p : entailment(batch, hypothesis, cutClaim ? longestFirst : premiseFirst)) {
                best = Math.max(best, p);
            }
        }
        return best;
    }

    /** The premises of the contexts under a budget of premise tokens: see the class comment. */
    List<String> windows(List<String> contexts, int budget) {
        List<String> windows = new ArrayList<>();
        for (String context : contexts) {
            if (context == null || context.isBlank()) {
                continue;
            }
            String text = context.strip();
            if (count(text) <= budget) {
                windows.add(text);
                continue;
            }
            List<String> sentences = splitter.split(text);
            int n = sentences.size();
            int[] tokens = sentences.stream().mapToInt(this::count).toArray();
            int i = 0;
            while (i < n) {
                int j = i;
                int used = tokens[i];
                while (j + 1 < n && used + tokens[j + 1] <= budget) {
                    j++;
                    used += tokens[j];
                }
                windows.add(String.join(" ", sentences.subList(i, j + 1)));
                if (j == n - 1) {
                    break;
                }
                // overlap by the window's last sentence, unless it cannot share a window with the next one
                i = j > i && tokens[j] + tokens[j + 1] <= budget ? j : j + 1;
            }
        }
        return windows;
    }

    private int count(String text) {
        return premiseFirst.encode(text, false, false).getIds().length;
    }

    /** The entailment probability of {@code claim} given each premise, in one run of the model. */
    private double[] entailment(List<String> premises, String claim, HuggingFaceTokenizer tokenizer) {
        int rows = premises.size();
        List<long[]> ids = new ArrayList<>(rows);
        List<long[]> types = new ArrayList<>(rows);
        for (String premise : premises) {
            Encoding e = tokenizer.encode(premise, claim, true, false);
            ids.add(e.getIds());
            types.add(e.getTypeIds());
        }
        try {
            return PaddedBatch.run(environment, session, ids, types, padId, typeIds, (result, length) -> {
                OnnxTensor logits = (OnnxTensor) result.get(output).orElseThrow();
                long[] outShape = logits.getInfo().getShape();
                int labels = (int) outShape[1];
                if (outShape[0] != rows || (labels > 1 && entailment >= labels) || labels < 1) {
                    throw RagException.invalid(
                            INVALID,
                            "the NLI model's output " + output + " has shape " + Arrays.toString(outShape)
                                    + " for a batch of " + rows + "; entailment index " + entailment);
                }
                FloatBuffer f = logits.getFloatBuffer();
                double[] out = new double[rows];
                for (int r = 0; r < rows; r++) {
                    out[r] = probability(f, r * labels, labels, entailment);
                }
                return out;
            });
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on the NLI model " + modelId + ": " + e, e);
        }
    }

    /** The softmax probability of label {@code index} among {@code labels} logits, or the sigmoid of a single one. */
    static double probability(FloatBuffer logits, int offset, int labels, int index) {
        if (labels == 1) {
            return 1 / (1 + Math.exp(-logits.get(offset)));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < labels; k++) {
            max = Math.max(max, logits.get(offset + k));
        }
        double sum = 0;
        for (int k = 0; k < labels; k++) {
            sum += Math.exp(logits.get(offset + k) - max);
        }
        return Math.exp(logits.get(offset + index) - max) / sum;
    }

    @Override
    public String name() {
        return ScorerKind.NLI.id();
    }

    /** The model file's name and the first 12 hex digits of the SHA-256 of its bytes: {@code model.onnx@sha256:…}. */
    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public void close() {
        closeQuietly(session, options, premiseFirst, longestFirst);
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable c : resources) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                // closing native handles: nothing left to recover, and the cause of a failed load must win
            }
        }
    }
}
