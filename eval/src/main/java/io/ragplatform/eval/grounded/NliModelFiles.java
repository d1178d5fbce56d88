package io.ragplatform.eval.grounded;

import static io.ragplatform.eval.grounded.OnnxNliScorer.INVALID;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ragplatform.error.RagException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks and facts of an NLI model's files that {@link OnnxNliScorer#load} needs before it scores anything: that
 * the files exist, the model's content hash, the tokenizers, that the graph has inputs the scorer can feed and an
 * output of labels, which label is entailment, and the tokenizer's pad ID. Each refusal is a {@link
 * io.ragplatform.error.RagException} with code {@value OnnxNliScorer#INVALID} naming the file.
 */
final class NliModelFiles {
    private static final Set<String> FED = Set.of("input_ids", "attention_mask", "token_type_ids");
    private static final Set<String> ENTAILMENT_LABELS = Set.of("entailment", "entailed", "entails", "entail");

    private NliModelFiles() {}

    static void requireFile(Path file, String what) {
        RagException.check(
                Files.isRegularFile(file),
                INVALID,
                "the NLI " + what + " file " + file
                        + (Files.isDirectory(file) ? " is a directory" : " does not exist"));
        RagException.check(Files.isReadable(file), INVALID, "the NLI " + what + " file " + file + " is not readable");
    }

    static String sha256(Path file) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw RagException.invalid(INVALID, "cannot read the NLI model " + file + ": " + e.getMessage());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The tokenizer without padding, truncating at {@code maxTokens}: the premise only, or the longer side first. */
    static HuggingFaceTokenizer tokenizer(Path file, int maxTokens, boolean premiseOnly) {
        try {
            HuggingFaceTokenizer.Builder b = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optPadding(false)
                    .optMaxLength(maxTokens);
            if (premiseOnly) {
                b.optTruncateFirstOnly();
            } else {
                b.optTruncation(true);
            }
            return b.build();
        } catch (IOException | RuntimeException e) {
            throw RagException.invalid(INVALID, "cannot read the NLI tokenizer " + file + ": " + e.getMessage());
        }
    }

    static void checkInputs(Path model, Set<String> inputs) {
        Set<String> missing = new TreeSet<>(Set.of("input_ids", "attention_mask"));
        missing.removeAll(inputs);
        RagException.check(
                missing.isEmpty(),
                INVALID,
                "the NLI model " + model + " lacks the input" + (missing.size() > 1 ? "s " : " ")
                        + String.join(" and ", missing) + " (its inputs: " + String.join(", ", new TreeSet<>(inputs))
                        + "); export a text-classification model: optimum-cli export onnx --task text-classification");
        Set<String> unknown = new TreeSet<>(inputs);
        unknown.removeAll(FED);
        RagException.check(
                unknown.isEmpty(),
                INVALID,
                "the NLI model " + model + " has inputs that cannot be fed: " + String.join(", ", unknown)
                        + " (only input_ids, attention_mask and token_type_ids are)");
    }

    /** The number of labels of the output, or -1 when the graph leaves it open. */
    static int labels(Path model, String output, NodeInfo info) {
        RagException.check(
                info.getInfo() instanceof TensorInfo t && t.type == OnnxJavaType.FLOAT && t.getShape().length == 2,
                INVALID,
                "the NLI model " + model + "'s output " + output + " is " + info.getInfo()
                        + "; expected float logits of shape [batch, labels]");
        long labels = ((TensorInfo) info.getInfo()).getShape()[1];
        RagException.check(labels != 0, INVALID, "the NLI model " + model + " has no output labels");
        return labels < 0 ? -1 : (int) labels;
    }

    static int entailmentIndex(Path model, int labels, OptionalInt configured) {
        if (labels == 1) {
            RagException.check(
                    configured.orElse(0) == 0,
                    INVALID,
                    "the NLI model " + model
                            + " has one output, read through a sigmoid: its entailment index is 0, not "
                            + configured.orElse(0));
            return 0;
        }
        if (configured.isPresent()) {
            int index = configured.getAsInt();
            RagException.check(labels < 0 || index < labels, INVALID, outOfRange(model, index, labels));
            return index;
        }
        Path config = model.toAbsolutePath().resolveSibling("config.json");
        OptionalInt fromConfig = entailmentLabel(config);
        if (fromConfig.isPresent()) {
            RagException.check(
                    labels < 0 || fromConfig.getAsInt() < labels,
                    INVALID,
                    outOfRange(model, fromConfig.getAsInt(), labels) + " (the entailment label of " + config + ")");
            return fromConfig.getAsInt();
        }
        throw RagException.invalid(
                INVALID,
                "the NLI model " + model + " has " + (labels < 0 ? "several" : String.valueOf(labels))
                        + " outputs and " + config + " names no entailment label: set the entailment index (the "
                        + "number of the entailment label in id2label of the model's config.json)");
    }

    static String outOfRange(Path model, int index, int labels) {
        return "the entailment index " + index + " is out of range of the NLI model " + model + "'s " + labels
                + " outputs (0 to " + (labels - 1) + "; see id2label in its config.json)";
    }

    /** The ID of the one label of {@code config.json}'s {@code id2label} named entailment, if there is one. */
    static OptionalInt entailmentLabel(Path config) {
        if (!Files.isRegularFile(config)) {
            return OptionalInt.empty();
        }
        try {
            JsonNode id2label = new ObjectMapper().readTree(config.toFile()).path("id2label");
            List<Integer> found = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            id2label.properties().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String label = e.getValue().asText().strip().toLowerCase(Locale.ROOT);
                if (ENTAILMENT_LABELS.contains(label)) {
                    found.add(Integer.parseInt(e.getKey().strip()));
                }
            }
            return found.size() == 1 ? OptionalInt.of(found.getFirst()) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            throw RagException.invalid(INVALID, "cannot read the NLI model's " + config + ": " + e.getMessage());
        }
    }

    /** {@code padding.pad_id} of tokenizer.json, else 0. */
    static long padId(Path tokenizer) {
        try {
            JsonNode pad = new ObjectMapper()
                    .readTree(tokenizer.toFile())
                    .path("padding")
                    .path("pad_id");
            return pad.canConvertToLong() ? pad.asLong() : 0;
        } catch (IOException e) {
            throw RagException.invalid(INVALID, "cannot read the NLI tokenizer " + tokenizer + ": " + e.getMessage());
        }
    }
}
