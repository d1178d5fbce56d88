package io.ragplatform.index.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.ingest.TokenCounter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a model is given beyond the default: a longer tokenizer truncation ({@code <model>@<n>}), the query instruction
 * it was trained with, passages cut to its input size ({@code --truncate}).
 */
final class ModelInputs {
    private ModelInputs() {}

    /** Query instructions of models trained with one (BGE v1.5 English, from the model card). */
    static final String BGE_EN_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    /** ONNX file, tokenizer file and pooling of the in-process artifacts (as their model classes load them). */
    private static final Map<String, String[]> ARTIFACTS = Map.of(
            "all-minilm-l6-v2-q", new String[] {"all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", "MEAN"},
            "bge-small-en-v15-q",
                    new String[] {"bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", "CLS"});

    /**
     * {@code <model>@<n>}: the same ONNX model with the truncation of its tokenizer set to {@code n} tokens, special
     * tokens included. The tokenizer.json shipped in all-minilm-l6-v2-q truncates at 128 (Hugging Face's file for
     * all-MiniLM-L6-v2 does), which LangChain4j keeps: that model never sees more than 126 tokens of text. The token
     * counter is the project's (from {@link Embedders}); load time covers only the model built here.
     */
    static Embedder withInputLength(String spec) {
        String base = spec.substring(0, spec.indexOf('@'));
        int length = Integer.parseInt(spec.substring(spec.indexOf('@') + 1));
        String[] artifact = ARTIFACTS.get(base);
        if (artifact == null) {
            throw new IllegalArgumentException("no artifact known for " + base + "; known: " + ARTIFACTS.keySet());
        }
        TokenCounter counter = Embedders.named(base, length).tokenCounter();
        long t0 = System.nanoTime();
        try {
            Path dir = Files.createTempDirectory("embedding-bench");
            Path model = dir.resolve(artifact[0]);
            Path tokenizer = dir.resolve(artifact[1]);
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (var in = loader.getResourceAsStream(artifact[0])) {
                Files.copy(in, model);
            }
            ObjectMapper json = new ObjectMapper();
            ObjectNode config;
            try (var in = loader.getResourceAsStream(artifact[1])) {
                config = (ObjectNode) json.readTree(in);
            }
            config.putObject("truncation")
                    .put("direction", "Right")
                    .put("max_length", length)
                    .put("strategy", "LongestFirst")
                    .put("stride", 0);
            json.writeValue(tokenizer.toFile(), config);
            var onnx = new OnnxEmbeddingModel(model, tokenizer, PoolingMode.valueOf(artifact[2]));
            Files.delete(model);
            Files.delete(tokenizer);
            Files.delete(dir);
            System.out.printf(
                    Locale.ROOT,
                    "# %s: built from %s with tokenizer truncation %d in %.2f s%n",
                    spec,
                    base,
                    length,
                    (System.nanoTime() - t0) / 1e9);
            return Embedders.of(onnx, spec, length, counter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The instruction a model expects in front of search queries, or null. */
    static String queryInstruction(String model) {
        return model.startsWith("bge-") && model.contains("-en-") ? BGE_EN_QUERY_INSTRUCTION : null;
    }

    /** The longest prefix of the text ending at a word boundary with at most {@code max} tokens. */
    static String truncate(String text, TokenCounter counter, int max) {
        if (counter.count(text) <= max) {
            return text;
        }
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                cuts.add(i);
            }
        }
        int lo = -1; // largest index into cuts known to fit
        int hi = cuts.size(); // smallest index known not to fit
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (counter.count(text.substring(0, cuts.get(mid))) <= max) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo < 0 ? "" : text.substring(0, cuts.get(lo));
    }
}
