package io.ragplatform.index;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.ragplatform.error.RagException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Factories for the batched in-process embedders: the model files of the LangChain4j in-process artifacts run through
 * ONNX Runtime in length-sorted, padded batches, with the vectors of the LangChain4j model (cosine ≥ 0.9999, tested)
 * and so its model ID: an index built with one reads with the other. Selected as {@code <model>}{@value #SUFFIX}
 * through {@link Embedders#named(String, int)}. How windows are grouped and run is a {@link BatchOptions}; the default,
 * chosen by measurement, runs one window at a time on each core.
 */
public final class BatchedEmbedders {
    /** What selects the batched embedder of a known model in {@link Embedders#named(String, int)}. */
    public static final String SUFFIX = "-batched";

    /** How a window's token vectors become one vector. */
    public enum Pooling {
        /** The first token's ([CLS]) vector: BGE. */
        CLS,
        /** The mean over the real tokens: sentence-transformers (MiniLM). */
        MEAN
    }

    /**
     * A BERT encoder as its artifact ships it.
     *
     * @param modelId the model ID stored with the vectors (that of the LangChain4j model with the same files)
     * @param onnxResource class-path resource of the ONNX graph, e.g. {@code bge-small-en-v1.5-q.onnx}
     * @param tokenizerResource class-path resource of the Hugging Face tokenizer.json
     * @param pooling how token vectors become the text's vector
     * @param maxTokens the model's input size, special tokens included: texts are truncated there
     * @param dimension the vectors' dimension
     */
    public record OnnxModel(
            String modelId,
            String onnxResource,
            String tokenizerResource,
            Pooling pooling,
            int maxTokens,
            int dimension) {
        public OnnxModel {
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(onnxResource, "onnxResource");
            Objects.requireNonNull(tokenizerResource, "tokenizerResource");
            Objects.requireNonNull(pooling, "pooling");
            RagException.check(maxTokens > 2, "invalid_max_tokens", "maxTokens must exceed the 2 special tokens");
            RagException.check(dimension > 0, "invalid_dimension", "dimension must be positive");
        }
    }

    /**
     * How the batches run.
     *
     * @param intraOpThreads ONNX Runtime's threads for one batch
     * @param maxBatch windows in one batch at most
     * @param maxBatchTokens windows × padded length in one batch at most (bounds the attention tensors' memory)
     * @param optimization ONNX Runtime's graph optimization level
     * @param spinning whether idle intra-op threads spin (fast on idle cores, costly on a shared machine)
     * @param parallelBatches batches of one {@code embedAll} call run at the same time, each on its own thread
     */
    public record BatchOptions(
            int intraOpThreads,
            int maxBatch,
            int maxBatchTokens,
            OptLevel optimization,
            boolean spinning,
            int parallelBatches) {
        /**
         * Chosen by measurement on the 2-core AVX-512 VNNI machine, shared with other builds (load average 4-5),
         * bge-small-en-v15-q, interleaved rounds (docs/BENCHMARKS.md, "Batched embedding"): one window per run, as many
         * runs side by side as there are cores, each with one intra-op thread and no spinning, graph optimization
         * {@code ALL_OPT}, sequential execution. Against LangChain4j's embedAll: 1.20x on 510-token chunks, 2.04x on
         * 64-token chunks (medians of 4 rounds). Padded batches of several windows measured no faster here (0.88-1.11x
         * with one run at a time, 0.98-0.99x with two), and two intra-op threads on one run 1.01-1.10x: the cores are
         * best kept busy with independent runs, with no thread pool to synchronize.
         */
        public static final BatchOptions DEFAULT = new BatchOptions(
                1, 1, 512, OptLevel.ALL_OPT, false, Runtime.getRuntime().availableProcessors());

        public BatchOptions {
            RagException.check(intraOpThreads > 0, "invalid_threads", "intraOpThreads must be positive");
            RagException.check(maxBatch > 0, "invalid_batch", "maxBatch must be positive");
            RagException.check(maxBatchTokens > 0, "invalid_batch", "maxBatchTokens must be positive");
            RagException.check(parallelBatches > 0, "invalid_threads", "parallelBatches must be positive");
            Objects.requireNonNull(optimization, "optimization");
        }

        OrtSession.SessionOptions sessionOptions() throws OrtException {
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(intraOpThreads);
            o.setInterOpNumThreads(1);
            o.setExecutionMode(ExecutionMode.SEQUENTIAL);
            o.setOptimizationLevel(optimization);
            o.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
            return o;
        }
    }

    /** The known models by the name of their LangChain4j counterpart in {@link Embedders}. */
    private static final Map<String, OnnxModel> KNOWN = Map.of(
            Embedders.BGE_SMALL_EN_V15_Q,
            new OnnxModel(
                    Embedders.BGE_SMALL_EN_V15_Q,
                    "bge-small-en-v1.5-q.onnx",
                    "bge-small-en-v1.5-q-tokenizer.json",
                    Pooling.CLS,
                    512,
                    384),
            Embedders.ALL_MINILM_L6_V2_Q,
            // the tokenizer.json of this artifact truncates at 128 (docs/BENCHMARKS.md)
            new OnnxModel(
                    Embedders.ALL_MINILM_L6_V2_Q,
                    "all-minilm-l6-v2-q.onnx",
                    "all-minilm-l6-v2-q-tokenizer.json",
                    Pooling.MEAN,
                    128,
                    384),
            "bge-small-zh-v15-q",
            new OnnxModel(
                    "bge-small-zh-v15-q",
                    "bge-small-zh-v1.5-q.onnx",
                    "bge-small-zh-v1.5-q-tokenizer.json",
                    Pooling.CLS,
                    512,
                    512));

    private BatchedEmbedders() {}

    /** Names ({@code <model>}{@value #SUFFIX}) of the known models whose files are on the class path. */
    public static Set<String> available() {
        Set<String> names = new TreeSet<>();
        KNOWN.forEach((name, model) -> {
            if (BatchedEmbedders.class.getClassLoader().getResource(model.onnxResource()) != null) {
                names.add(name + SUFFIX);
            }
        });
        return names;
    }

    /**
     * The batched embedder of a known model, named with or without {@value #SUFFIX}, with the default options.
     *
     * @param maxTokensOverride the input size the embedder reports (the chunker's budget), or 0 for the model's; as
     *     with {@link Embedders#named(String, int)}, the model itself still truncates at its own size
     * @throws RagException ({@code unknown_embedding_model}) for another name
     */
    public static Embedder named(String name, int maxTokensOverride) {
        OnnxModel model = model(name);
        return of(model, BatchOptions.DEFAULT, maxTokensOverride > 0 ? maxTokensOverride : model.maxTokens());
    }

    /**
     * The files, pooling and sizes of a known model, named with or without {@value #SUFFIX}.
     *
     * @throws RagException ({@code unknown_embedding_model}) for another name
     */
    public static OnnxModel model(String name) {
        String base = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
        OnnxModel model = KNOWN.get(base);
        if (model == null) {
            throw RagException.invalid(
                    "unknown_embedding_model", "no batched embedder for '" + name + "'; available: " + available());
        }
        return model;
    }

    /** Any BERT encoder shipped as ONNX and tokenizer.json class-path resources. */
    public static Embedder of(OnnxModel model, BatchOptions options, int maxTokens) {
        return new OnnxBatchEmbedder(model, options, maxTokens);
    }

    /** An {@link Embedder} as a LangChain4j {@link EmbeddingModel} (passages: {@link Embedder#embedAll(List)}). */
    public static EmbeddingModel asEmbeddingModel(Embedder embedder) {
        return new AsEmbeddingModel(embedder, embedder.dimension(), embedder.modelId());
    }

    private record AsEmbeddingModel(Embedder embedder, int dimension, String modelName) implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<String> texts = segments.stream().map(TextSegment::text).toList();
            return Response.from(
                    embedder.embedAll(texts).stream().map(Embedding::from).toList());
        }
    }
}
