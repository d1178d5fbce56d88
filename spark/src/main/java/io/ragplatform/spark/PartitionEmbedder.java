package io.ragplatform.spark;

import io.ragplatform.eval.corpus.CorpusRows;
import io.ragplatform.index.Embedder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The embedding stage inside an executor: rows {@code (chunk_id, text, model_id)} of chunks that lack a vector of that
 * model become rows of {@code embeddings}, a batch of up to {@value #BATCH} texts of one model at a time, through the
 * executor's one instance of each model ({@link Pipeline#embeddersById()}), whose calls the executor's tasks make one at
 * a time. A failing model fails the task (Spark retries it): a vector is never made up.
 */
final class PartitionEmbedder implements MapPartitionsFunction<Row, Row> {
    /** The texts of one model call: LangChain4j's in-process models embed them on all cores. */
    static final int BATCH = 32;

    static final StructType INPUT = new StructType()
            .add("chunk_id", DataTypes.StringType, false)
            .add("text", DataTypes.StringType, false)
            .add("model_id", DataTypes.StringType, false);

    private final Pipeline pipeline;

    PartitionEmbedder(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> chunks) {
        Map<String, Embedder> models = pipeline.embeddersById();
        return new Iterator<>() {
            private final List<Row> ready = new ArrayList<>();
            private Row pending;
            private int next;

            @Override
            public boolean hasNext() {
                if (next < ready.size()) {
                    return true;
                }
                ready.clear();
                next = 0;
                embedBatch();
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.get(next++);
            }

            /** Up to BATCH rows of one model (the partition is sorted by model). */
            private void embedBatch() {
                List<Row> batch = new ArrayList<>(BATCH);
                while (batch.size() < BATCH && (pending != null || chunks.hasNext())) {
                    Row row = pending != null ? pending : chunks.next();
                    pending = null;
                    if (!batch.isEmpty() && !modelOf(batch.getFirst()).equals(modelOf(row))) {
                        pending = row;
                        break;
                    }
                    batch.add(row);
                }
                if (batch.isEmpty()) {
                    return;
                }
                String modelId = modelOf(batch.getFirst());
                Embedder model = models.get(modelId);
                if (model == null) {
                    throw new IllegalStateException("no model " + modelId + " in this pipeline: " + models.keySet());
                }
                List<String> texts =
                        batch.stream().map(r -> r.<String>getAs("text")).toList();
                List<float[]> vectors;
                // one model call at a time per executor JVM: a call already runs on every core (one text per thread,
                // ONNX Runtime's own threads within), and two tasks' calls at once oversubscribe the cores
                synchronized (model) {
                    vectors = model.embedAll(texts);
                }
                for (int i = 0; i < batch.size(); i++) {
                    String chunkId = batch.get(i).getAs("chunk_id");
                    ready.add(SparkRows.row(CorpusRows.embedding(chunkId, modelId, vectors.get(i))));
                }
            }
        };
    }

    private static String modelOf(Row row) {
        return row.getAs("model_id");
    }
}
