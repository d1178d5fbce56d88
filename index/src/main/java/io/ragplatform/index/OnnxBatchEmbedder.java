package io.ragplatform.index;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.ragplatform.index.BatchedEmbedders.BatchOptions;
import io.ragplatform.index.BatchedEmbedders.OnnxModel;
import io.ragplatform.index.BatchedEmbedders.Pooling;
import io.ragplatform.ingest.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An in-process BERT encoder run through ONNX Runtime in padded batches, with the vectors of LangChain4j's {@code
 * OnnxBertBiEncoder} for the same model files (langchain4j-embeddings 1.19.0-beta29, read from its bytecode).
 *
 * <p>Each text is prepared exactly as there: {@code tokenize} with a tokenizer built with padding off (DJL then
 * truncates at the model's input size, or at what tokenizer.json says: 128 for MiniLM), the tokens between [CLS] and
 * [SEP] cut into windows of at most 510 that do not split a word ("##" pieces), each window turned back into text and
 * encoded with special tokens. Windows of every text are sorted by length and run in batches padded to the longest
 * window of the batch, with an attention mask; quantized graphs are first rewritten by {@link
 * PerSequenceQuantization} so that a window's activations are quantized as if it were alone. Pooling is CLS or the mean
 * over the window's real tokens; a text's vector is the average of its windows weighted by their token counts,
 * normalized, in the same float arithmetic.
 *
 * <p>Thread-safe: a session, a tokenizer and the threads that run batches side by side ({@link
 * BatchOptions#parallelBatches()}) are shared by every instance of the same model and options.
 */
record OnnxBatchEmbedder(
        String modelId,
        int dimension,
        int maxTokens,
        TokenCounter tokenCounter,
        OnnxModel model,
        BatchOptions options,
        Runtime runtime)
        implements Embedder {
    /** LangChain4j's window: 512 less [CLS] and [SEP], whatever the model's input size. */
    private static final int WINDOW = 510;

    private static final Map<Runtime.Key, Runtime> LOADED = new ConcurrentHashMap<>();

    OnnxBatchEmbedder(OnnxModel model, BatchOptions options, int maxTokens) {
        this(
                model.modelId(),
                model.dimension(),
                maxTokens,
                Embedders.huggingFaceCounter(OnnxBatchEmbedder.class, "/" + model.tokenizerResource()),
                model,
                options,
                LOADED.computeIfAbsent(new Runtime.Key(model, options), Runtime::load));
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            windows.addAll(runtime.windows(i, texts.get(i)));
        }
        float[][] pooled = new float[windows.size()][];
        List<Integer> order = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            order.add(i);
        }
        // longest first, so a batch is padded to its first window; ties in input order, so batches are deterministic
        order.sort(Comparator.comparingInt((Integer i) -> -windows.get(i).ids.length));
        List<List<Integer>> batches = new ArrayList<>();
        int from = 0;
        while (from < order.size()) {
            int longest = windows.get(order.get(from)).ids.length;
            int to = from + 1;
            while (to < order.size()
                    && to - from < options.maxBatch()
                    && (long) (to - from + 1) * longest <= options.maxBatchTokens()) {
                to++;
            }
            batches.add(order.subList(from, to));
            from = to;
        }
        List<Future<?>> running = new ArrayList<>();
        for (List<Integer> batch : batches) {
            Runnable run = () -> {
                float[][] vectors = runtime.run(batch.stream().map(windows::get).toList(), model.pooling());
                for (int k = 0; k < batch.size(); k++) {
                    pooled[batch.get(k)] = vectors[k];
                }
            };
            if (runtime.batchThreads() == null || batches.size() == 1) {
                run.run();
            } else {
                running.add(runtime.batchThreads().submit(run));
            }
        }
        for (Future<?> f : running) {
            await(f);
        }
        List<float[]> out = new ArrayList<>(texts.size());
        int w = 0;
        for (int i = 0; i < texts.size(); i++) {
            List<float[]> parts = new ArrayList<>();
            List<Integer> weights = new ArrayList<>();
            while (w < windows.size() && windows.get(w).text == i) {
                parts.add(pooled[w]);
                weights.add(windows.get(w).weight);
                w++;
            }
            out.add(normalize(weightedAverage(parts, weights)));
        }
        return out;
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingFailedException("interrupted while embedding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new EmbeddingFailedException("embedding failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public float[] embedQuery(String query) {
        return embedAll(List.of(query)).getFirst();
    }

    /** One window of one text: its token ids and type ids with special tokens, and its weight (tokens without them). */
    record Window(int text, int weight, long[] ids, long[] typeIds) {}

    /** The model's session and tokenizer, loaded once per (model, options). */
    record Runtime(
            OrtEnvironment environment,
            OrtSession session,
            Set<String> inputs,
            HuggingFaceTokenizer tokenizer,
            ExecutorService batchThreads) {
        record Key(OnnxModel model, BatchOptions options) {}

        static Runtime load(Key key) {
            ClassLoader loader = OnnxBatchEmbedder.class.getClassLoader();
            OnnxModel model = key.model();
            try (InputStream onnx = loader.getResourceAsStream(model.onnxResource());
                    InputStream tokenizerJson = loader.getResourceAsStream(model.tokenizerResource())) {
                if (onnx == null || tokenizerJson == null) {
                    throw new IllegalStateException(
                            "model files " + model.onnxResource() + ", " + model.tokenizerResource()
                                    + " not on the class path (is the model's LangChain4j artifact a dependency?)");
                }
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                OrtSession session = environment.createSession(
                        PerSequenceQuantization.rewrite(onnx.readAllBytes()),
                        key.options().sessionOptions());
                // as LangChain4j builds it: only padding is turned off, truncation stays DJL's default
                HuggingFaceTokenizer tokenizer =
                        HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("padding", "false"));
                int parallel = key.options().parallelBatches();
                ExecutorService pool = parallel == 1
                        ? null
                        : Executors.newFixedThreadPool(parallel, r -> {
                            Thread t = new Thread(r, "onnx-batch-" + model.modelId());
                            t.setDaemon(true);
                            return t;
                        });
                return new Runtime(environment, session, session.getInputNames(), tokenizer, pool);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model " + model.onnxResource(), e);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime cannot load " + model.onnxResource() + ": " + e, e);
            }
        }

        List<Window> windows(int index, String text) {
            List<String> tokens = tokenizer.tokenize(text);
            List<List<String>> partitions = partition(tokens);
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("Cannot embed empty or whitespace-only text");
            }
            List<Window> out = new ArrayList<>(partitions.size());
            for (List<String> partition : partitions) {
                Encoding encoding = tokenizer.encode(toText(partition), true, false);
                out.add(new Window(index, partition.size(), encoding.getIds(), encoding.getTypeIds()));
            }
            return out;
        }

        /** LangChain4j's windows: skip [CLS] and [SEP], at most {@value #WINDOW} tokens, back off to a word start. */
        private static List<List<String>> partition(List<String> tokens) {
            List<List<String>> partitions = new ArrayList<>();
            int from = 1;
            while (from < tokens.size() - 1) {
                int to = from + WINDOW;
                if (to >= tokens.size() - 1) {
                    to = tokens.size() - 1;
                } else {
                    while (tokens.get(to).startsWith("##")) {
                        to--;
                    }
                }
                partitions.add(tokens.subList(from, to));
                from = to;
            }
            return partitions;
        }

        /** The window as text: decoded if that tokenizes back to the same tokens, else the pieces joined. */
        private String toText(List<String> tokens) {
            String text = tokenizer.buildSentence(tokens);
            List<String> again = new LinkedList<>(tokenizer.tokenize(text));
            again.removeFirst();
            again.removeLast();
            return again.equals(tokens) ? text : String.join("", tokens);
        }

        float[][] run(List<Window> batch, Pooling pooling) {
            int rows = batch.size();
            try {
                return PaddedBatch.run(
                        environment,
                        session,
                        batch.stream().map(w -> w.ids).toList(),
                        batch.stream().map(w -> w.typeIds).toList(),
                        0,
                        inputs.contains("token_type_ids"),
                        (result, length) -> {
                            OnnxTensor hidden = (OnnxTensor) result.get(0);
                            int dim = (int) hidden.getInfo().getShape()[2];
                            FloatBuffer h = hidden.getFloatBuffer();
                            float[][] out = new float[rows][];
                            for (int r = 0; r < rows; r++) {
                                out[r] = pool(h, r * length * dim, batch.get(r).ids.length, dim, pooling);
                            }
                            return out;
                        });
            } catch (OrtException e) {
                throw new EmbeddingFailedException("ONNX Runtime failed on a batch of " + rows + ": " + e, e);
            }
        }

        /** CLS: the first token's vector; MEAN: the mean over the window's real tokens, summed in token order. */
        private static float[] pool(FloatBuffer h, int offset, int tokens, int dim, Pooling pooling) {
            float[] v = new float[dim];
            if (pooling == Pooling.CLS) {
                h.get(offset, v);
                return v;
            }
            for (int t = 0; t < tokens; t++) {
                int base = offset + t * dim;
                for (int j = 0; j < dim; j++) {
                    v[j] += h.get(base + j);
                }
            }
            for (int j = 0; j < dim; j++) {
                v[j] /= tokens;
            }
            return v;
        }
    }

    private static float[] weightedAverage(List<float[]> embeddings, List<Integer> weights) {
        if (embeddings.size() == 1) {
            return embeddings.getFirst();
        }
        int dim = embeddings.getFirst().length;
        float[] average = new float[dim];
        int total = 0;
        for (int i = 0; i < embeddings.size(); i++) {
            int weight = weights.get(i);
            total += weight;
            for (int j = 0; j < dim; j++) {
                average[j] += embeddings.get(i)[j] * weight;
            }
        }
        for (int j = 0; j < dim; j++) {
            average[j] /= total;
        }
        return average;
    }

    private static float[] normalize(float[] v) {
        float sumSquare = 0;
        for (float x : v) {
            sumSquare += x * x;
        }
        float norm = (float) Math.sqrt(sumSquare);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }
}
