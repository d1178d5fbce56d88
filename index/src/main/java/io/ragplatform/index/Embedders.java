package io.ragplatform.index;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import io.ragplatform.ingest.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Factories for {@link Embedder}s over LangChain4j {@link EmbeddingModel}s. */
public final class Embedders {
    /** The in-process models shipped as Maven artifacts with this build. */
    public static final String ALL_MINILM_L6_V2_Q = "all-minilm-l6-v2-q";

    /** The default: best retrieval quality of the shipped models (docs/BENCHMARKS.md). */
    public static final String BGE_SMALL_EN_V15_Q = "bge-small-en-v15-q";

    /** The Chinese model that {@code zh} chunks and queries are routed to by default (docs/BENCHMARKS.md). */
    public static final String BGE_SMALL_ZH_V15_Q = "bge-small-zh-v15-q";

    private static final Map<String, String[]> KNOWN = Map.of(
            // name -> model class, tokenizer resource, max tokens (what the model actually reads: the tokenizer
            // shipped with the MiniLM artifact truncates at 128 tokens, special tokens included)
            ALL_MINILM_L6_V2_Q,
                    new String[] {
                        "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel",
                        "/all-minilm-l6-v2-q-tokenizer.json",
                        "128"
                    },
            BGE_SMALL_EN_V15_Q,
                    new String[] {
                        "dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel",
                        "/bge-small-en-v1.5-q-tokenizer.json",
                        "512"
                    },
            BGE_SMALL_ZH_V15_Q,
                    new String[] {
                        "dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel",
                        "/bge-small-zh-v1.5-q-tokenizer.json",
                        "512"
                    });

    private Embedders() {}

    /** Names of the known in-process models whose artifact is on the class path. */
    public static Set<String> available() {
        Set<String> names = new TreeSet<>();
        KNOWN.forEach((name, spec) -> {
            try {
                Class.forName(spec[0], false, Embedders.class.getClassLoader());
                names.add(name);
            } catch (ClassNotFoundException e) {
                // artifact not on the class path
            }
        });
        names.addAll(BatchedEmbedders.available());
        return names;
    }

    /**
     * The model of that name: a known in-process model ({@link #available()}; {@code <model>-batched} is its {@link
     * BatchedEmbedders batched embedder}, same vectors and model ID), or the fully qualified class name of
     * any LangChain4j {@link EmbeddingModel} with a no-argument constructor (then {@code maxTokens} must be given and
     * tokens are approximated unless the model ships a tokenizer this factory knows).
     *
     * @param maxTokensOverride the model's input size, or 0 for the model's default
     * @throws RagException ({@code unknown_embedding_model}) for a name that is neither a known model nor a loadable
     *     class; ({@code embedding_model_max_tokens_required}) for a class without {@code maxTokensOverride}
     */
    public static Embedder named(String name, int maxTokensOverride) {
        if (name.endsWith(BatchedEmbedders.SUFFIX)) {
            return BatchedEmbedders.named(name, maxTokensOverride);
        }
        String[] spec = KNOWN.get(name);
        if (spec != null) {
            EmbeddingModel model = instantiate(spec[0], name);
            TokenCounter counter = huggingFaceCounter(model.getClass(), spec[1]);
            int maxTokens = maxTokensOverride > 0 ? maxTokensOverride : Integer.parseInt(spec[2]);
            return of(model, name, maxTokens, counter);
        }
        if (name.contains(".")) {
            EmbeddingModel model = instantiate(name, name);
            RagException.check(
                    maxTokensOverride > 0,
                    "embedding_model_max_tokens_required",
                    "model " + name + " is not a known in-process model: set its max tokens");
            return of(model, name, maxTokensOverride, TokenCounter.approximate());
        }
        throw RagException.invalid(
                "unknown_embedding_model",
                "unknown embedding model '" + name + "'; available: " + available()
                        + ", or the class name of a LangChain4j EmbeddingModel");
    }

    /**
     * The language models of a spec such as {@code zh=bge-small-zh-v15-q} (the service's
     * {@code rag.embedding.language-models}: {@code language=model} entries, comma-separated, or {@code none}), each
     * model {@link #named} at its own input size; by language, sorted.
     *
     * @throws IllegalArgumentException for an entry that is not {@code language=model}
     * @throws RagException for a model that is not known
     */
    public static Map<String, Embedder> languageModels(String spec) {
        Map<String, Embedder> out = new java.util.TreeMap<>();
        String trimmed = spec == null ? "" : spec.trim();
        if (trimmed.isEmpty() || trimmed.equals("none")) {
            return out;
        }
        for (String entry : trimmed.split(",")) {
            String[] kv = entry.trim().split("=", 2);
            if (kv.length != 2 || !kv[0].trim().matches("[a-z]{2,3}") || kv[1].isBlank()) {
                throw new IllegalArgumentException("rag.embedding.language-models: '" + entry.trim()
                        + "' is not language=model (such as zh=" + BGE_SMALL_ZH_V15_Q + "), or set none");
            }
            out.put(kv[0].trim(), named(kv[1].trim(), 0));
        }
        return out;
    }

    /**
     * {@code primary}, with chunks and queries of these languages also embedded by their own model, each into its own
     * vector field ({@link Embedder#languageModels()}); the primary model still embeds every chunk, so its vector field
     * stays complete and its model ID names the index.
     *
     * @throws IllegalArgumentException for a language model that is the primary model itself
     */
    public static Embedder routed(Embedder primary, Map<String, Embedder> byLanguage) {
        if (byLanguage.isEmpty()) {
            return primary;
        }
        Map<String, Embedder> models = new java.util.TreeMap<>(byLanguage);
        models.forEach((language, model) -> {
            if (model.modelId().equals(primary.modelId())) {
                throw new IllegalArgumentException(
                        "the model for '" + language + "' is the primary model " + primary.modelId());
            }
        });
        Map<String, Embedder> frozen = java.util.Collections.unmodifiableMap(models);
        return new ForwardingEmbedder(primary) {
            @Override
            public Map<String, Embedder> languageModels() {
                return frozen;
            }
        };
    }

    /** Wraps any LangChain4j model. */
    public static Embedder of(EmbeddingModel model, String modelId, int maxTokens, TokenCounter counter) {
        return new LangChain4jEmbedder(model, modelId, maxTokens, counter, model.dimension());
    }

    private static EmbeddingModel instantiate(String className, String name) {
        try {
            Class<?> c = Class.forName(className, true, Embedders.class.getClassLoader());
            return (EmbeddingModel) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new RagException(
                    "unknown_embedding_model",
                    ErrorCategory.INVALID_INPUT,
                    "cannot load embedding model '" + name + "' (" + className + "): " + e,
                    e);
        }
    }

    static TokenCounter huggingFaceCounter(Class<?> modelClass, String resource) {
        try (InputStream in = modelClass.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "tokenizer " + resource + " missing from " + modelClass.getName() + "'s artifact");
            }
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
                    in,
                    Map.of(
                            "addSpecialTokens",
                            "false",
                            "padding",
                            "false",
                            "truncation",
                            "false",
                            "modelMaxLength",
                            "1000000"));
            return text ->
                    text.isEmpty() ? 0 : tokenizer.encode(text, false, false).getIds().length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer " + resource, e);
        }
    }

    /** The dimension is read once: some models compute it by embedding a probe text. */
    private record LangChain4jEmbedder(
            EmbeddingModel model, String modelId, int maxTokens, TokenCounter tokenCounter, int dimension)
            implements Embedder {
        @Override
        public List<float[]> embedAll(List<String> texts) {
            if (texts.isEmpty()) {
                return List.of();
            }
            List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
            List<Embedding> embeddings = model.embedAll(segments).content();
            List<float[]> out = new ArrayList<>(embeddings.size());
            for (Embedding e : embeddings) {
                out.add(unit(e.vector()));
            }
            return out;
        }

        @Override
        public float[] embedQuery(String query) {
            return unit(model.embed(query).content().vector());
        }

        private static float[] unit(float[] v) {
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                return v;
            }
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (float) (v[i] / norm);
            }
            return out;
        }
    }
}
