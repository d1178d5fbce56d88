package io.ragplatform.eval.grounded;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny "NLI model" written as ONNX protobuf on the wire, for tests: {@code input_ids} and {@code attention_mask}
 * (and {@code token_type_ids} if asked), int64 {@code [batch, seq]}, become the features mean of the real tokens' IDs,
 * the number of real tokens (and the sum of their type IDs), which a {@code MatMul} with {@link #weights} turns into
 * {@code logits [batch, labels]}. {@link #logits} computes the same by hand.
 *
 * @param weights {@code [features][labels]}: 2 features, or 3 with type IDs
 */
record TinyNliModel(float[][] weights, boolean typeIds, boolean mask) {
    static TinyNliModel threeWay() {
        return new TinyNliModel(new float[][] {{0.05f, 0f, -0.05f}, {-0.04f, 0.02f, 0.03f}}, false, true);
    }

    int labels() {
        return weights[0].length;
    }

    /** The logits this model gives for one input's token and type IDs (no padding). */
    double[] logits(long[] ids, long[] types) {
        double sum = 0;
        double typeSum = 0;
        for (int i = 0; i < ids.length; i++) {
            sum += ids[i];
            typeSum += types[i];
        }
        double[] features = typeIds
                ? new double[] {sum / ids.length, ids.length, typeSum}
                : new double[] {mask ? sum / ids.length : sum, ids.length};
        double[] out = new double[labels()];
        for (int k = 0; k < out.length; k++) {
            for (int f = 0; f < features.length; f++) {
                out[k] += features[f] * weights[f][k];
            }
        }
        return out;
    }

    /** The model's bytes. */
    byte[] bytes() {
        List<byte[]> nodes = new ArrayList<>();
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(valueInfo("input_ids", 7, "batch", "seq"));
        nodes.add(node("Cast", List.of("input_ids"), "ids_f", attrInt("to", 1)));
        int features = 2;
        if (mask) {
            inputs.add(valueInfo("attention_mask", 7, "batch", "seq"));
            nodes.add(node("Cast", List.of("attention_mask"), "mask_f", attrInt("to", 1)));
            nodes.add(node("Mul", List.of("ids_f", "mask_f"), "masked"));
            nodes.add(node("ReduceSum", List.of("masked"), "id_sum", attrInts("axes", 1), attrInt("keepdims", 1)));
            nodes.add(node("ReduceSum", List.of("mask_f"), "count", attrInts("axes", 1), attrInt("keepdims", 1)));
            nodes.add(node("Div", List.of("id_sum", "count"), "id_mean"));
        } else {
            // no mask: the sum of the IDs and the sequence length (padding would count)
            nodes.add(node("ReduceSum", List.of("ids_f"), "id_mean", attrInts("axes", 1), attrInt("keepdims", 1)));
            nodes.add(node("Mul", List.of("ids_f", "zero"), "zeros"));
            nodes.add(node("Add", List.of("zeros", "one"), "ones"));
            nodes.add(node("ReduceSum", List.of("ones"), "count", attrInts("axes", 1), attrInt("keepdims", 1)));
        }
        List<String> concat = new ArrayList<>(List.of("id_mean", "count"));
        if (typeIds) {
            inputs.add(valueInfo("token_type_ids", 7, "batch", "seq"));
            nodes.add(node("Cast", List.of("token_type_ids"), "types_f", attrInt("to", 1)));
            nodes.add(node("Mul", List.of("types_f", "mask_f"), "types_m"));
            nodes.add(node("ReduceSum", List.of("types_m"), "type_sum", attrInts("axes", 1), attrInt("keepdims", 1)));
            concat.add("type_sum");
            features = 3;
        }
        nodes.add(node("Concat", concat, "features", attrInt("axis", 1)));
        nodes.add(node("MatMul", List.of("features", "W"), "logits"));

        Proto graph = new Proto();
        nodes.forEach(n -> graph.bytes(1, n));
        graph.string(2, "tiny-nli");
        float[] w = new float[features * labels()];
        for (int f = 0; f < features; f++) {
            System.arraycopy(weights[f], 0, w, f * labels(), labels());
        }
        graph.bytes(5, tensor("W", new long[] {features, labels()}, w));
        if (!mask) {
            graph.bytes(5, tensor("zero", new long[] {}, new float[] {0f}));
            graph.bytes(5, tensor("one", new long[] {}, new float[] {1f}));
        }
        inputs.forEach(i -> graph.bytes(11, i));
        graph.bytes(12, valueInfo("logits", 1, "batch", String.valueOf(labels())));

        Proto opset = new Proto();
        opset.string(1, "");
        opset.varint(2, 11);
        Proto model = new Proto();
        model.varint(1, 7);
        model.string(2, "ragplatform-test");
        model.bytes(7, graph.toByteArray());
        model.bytes(8, opset.toByteArray());
        return model.toByteArray();
    }

    /** A value of element type {@code type} (1 float, 7 int64) and the given dimensions (a number or a name). */
    private static byte[] valueInfo(String name, int type, String... dims) {
        Proto shape = new Proto();
        for (String d : dims) {
            Proto dim = new Proto();
            if (d.chars().allMatch(Character::isDigit)) {
                dim.varint(1, Long.parseLong(d));
            } else {
                dim.string(2, d);
            }
            shape.bytes(1, dim.toByteArray());
        }
        Proto tensor = new Proto();
        tensor.varint(1, type);
        tensor.bytes(2, shape.toByteArray());
        Proto typeProto = new Proto();
        typeProto.bytes(1, tensor.toByteArray());
        Proto info = new Proto();
        info.string(1, name);
        info.bytes(2, typeProto.toByteArray());
        return info.toByteArray();
    }

    private static byte[] node(String op, List<String> inputs, String output, byte[]... attributes) {
        Proto n = new Proto();
        inputs.forEach(i -> n.string(1, i));
        n.string(2, output);
        n.string(3, output + "_" + op);
        n.string(4, op);
        for (byte[] a : attributes) {
            n.bytes(5, a);
        }
        return n.toByteArray();
    }

    private static byte[] attrInt(String name, long value) {
        Proto a = new Proto();
        a.string(1, name);
        a.varint(3, value);
        a.varint(20, 2); // INT
        return a.toByteArray();
    }

    private static byte[] attrInts(String name, long... values) {
        Proto a = new Proto();
        a.string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        a.varint(20, 7); // INTS
        return a.toByteArray();
    }

    private static byte[] tensor(String name, long[] dims, float[] values) {
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, 1); // FLOAT
        t.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        t.bytes(9, raw.array());
        return t.toByteArray();
    }

    /** A protobuf message written field by field. */
    private static final class Proto extends ByteArrayOutputStream {
        void varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
        }

        void bytes(int field, byte[] value) {
            raw(((long) field << 3) | 2);
            raw(value.length);
            writeBytes(value);
        }

        void string(int field, String value) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }
    }
}
