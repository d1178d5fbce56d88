package io.ragplatform.index;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a BERT-style ONNX model (an encoder or a cross-encoder) on rows of token IDs: the rows are padded on the
 * right to the longest with a pad ID under a zero {@code attention_mask}, and {@code token_type_ids} are fed only when
 * the model declares that input. The batched embedder and the NLI scorer share it.
 */
public final class PaddedBatch {
    private PaddedBatch() {}

    /** Reads what a run returned, while its tensors are open. */
    public interface Reader<T> {
        /**
         * @param length the padded length of every row
         */
        T read(OrtSession.Result result, int length) throws OrtException;
    }

    /**
     * Runs {@code session} on the rows.
     *
     * @param ids each row's token IDs
     * @param typeIds each row's token type IDs, as long as its IDs
     * @param feedTypeIds whether the model takes {@code token_type_ids}
     */
    public static <T> T run(
            OrtEnvironment environment,
            OrtSession session,
            List<long[]> ids,
            List<long[]> typeIds,
            long padId,
            boolean feedTypeIds,
            Reader<T> reader)
            throws OrtException {
        int rows = ids.size();
        int length = 0;
        for (long[] row : ids) {
            length = Math.max(length, row.length);
        }
        long[] flatIds = new long[rows * length];
        long[] mask = new long[rows * length];
        long[] types = new long[rows * length];
        Arrays.fill(flatIds, padId);
        for (int r = 0; r < rows; r++) {
            long[] row = ids.get(r);
            System.arraycopy(row, 0, flatIds, r * length, row.length);
            System.arraycopy(typeIds.get(r), 0, types, r * length, row.length);
            Arrays.fill(mask, r * length, r * length + row.length, 1L);
        }
        long[] shape = {rows, length};
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(flatIds), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OnnxTensor typesTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape)) {
            Map<String, OnnxTensor> feed = new HashMap<>();
            feed.put("input_ids", idsTensor);
            feed.put("attention_mask", maskTensor);
            if (feedTypeIds) {
                feed.put("token_type_ids", typesTensor);
            }
            try (OrtSession.Result result = session.run(feed)) {
                return reader.read(result, length);
            }
        }
    }
}
