package io.ragplatform.index;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a dynamically quantized BERT ONNX graph (what onnxruntime's {@code quantize_dynamic} writes:
 * {@code DynamicQuantizeLinear} feeding {@code MatMulInteger}) so that each sequence of a batch is quantized on its own,
 * over its real tokens only.
 *
 * <p>Why: {@code DynamicQuantizeLinear} takes one scale and zero point from the minimum and maximum of the whole
 * tensor. In a batch that tensor holds every sequence and the padding, so a text's vector would depend on its batch
 * mates (measured on bge-small-en-v1.5-q: cosine 0.990–0.998 to the text embedded alone). After the rewrite the scale
 * and zero point of sequence {@code b} are those of its unpadded rows ({@code attention_mask} = 1), exactly what a
 * batch of one computes, and {@code MatMulInteger} takes the per-sequence zero point as an exact int32 correction
 * ({@code Σ(a − za)(w − zw) = Σ a(w − zw) − za·Σ(w − zw)}), since the CPU kernel accepts only a scalar zero point.
 *
 * <p>The protobuf is edited on the wire (no ONNX or protobuf library): nodes other than the two rewritten ops, the
 * initializers and everything outside the graph are copied byte for byte; {@code value_info} (optional shape hints,
 * now wrong for the scales) is dropped. Requires default-domain opset 11 or 12 (axes as attributes), which all three
 * shipped LangChain4j quantized models use. A graph without {@code DynamicQuantizeLinear} is returned unchanged.
 */
final class PerSequenceQuantization {
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_64 = 1;
    private static final int WIRE_BYTES = 2;
    private static final int WIRE_32 = 5;

    // ONNX TensorProto.DataType
    private static final int FLOAT = 1;
    private static final int UINT8 = 2;
    private static final int INT32 = 6;
    private static final int BOOL = 9;

    private static final String P = "perseq/";

    private PerSequenceQuantization() {}

    /** The rewritten model, or {@code model} itself when it has no dynamic quantization. */
    static byte[] rewrite(byte[] model) {
        List<Field> top = Field.parse(model, 0, model.length);
        Field graph = null;
        for (Field f : top) {
            if (f.number == 8) { // opset_import
                checkOpset(model, f);
            } else if (f.number == 7) {
                graph = f;
            }
        }
        if (graph == null) {
            throw new IllegalArgumentException("not an ONNX model: no graph");
        }
        Graph rewritten = rewriteGraph(model, graph);
        if (rewritten == null) {
            return model;
        }
        // one buffer of the exact size: the weights (most of the file) are copied once
        long graphLength = rewritten.length();
        long size = model.length - (graph.end - graph.start) + 1 + varintSize(graphLength) + graphLength;
        Out out = new Out(Math.toIntExact(size));
        for (Field f : top) {
            if (f == graph) {
                out.key(7, WIRE_BYTES);
                out.rawVarint(graphLength);
                out.raw(rewritten.nodes());
                rewritten.kept().forEach(k -> out.raw(model, k.start, k.end));
                out.raw(rewritten.added());
            } else {
                out.raw(model, f.start, f.end);
            }
        }
        return out.exact();
    }

    /** A rewritten graph: its nodes, the fields kept from the original (initializers, inputs...), new initializers. */
    private record Graph(byte[] nodes, List<Field> kept, byte[] added) {
        long length() {
            long n = nodes.length + added.length;
            for (Field k : kept) {
                n += k.end - k.start;
            }
            return n;
        }
    }

    private static void checkOpset(byte[] model, Field opset) {
        String domain = "";
        long version = 0;
        for (Field f : Field.parse(model, opset.valueStart, opset.end)) {
            if (f.number == 1) {
                domain = f.string(model);
            } else if (f.number == 2) {
                version = f.varint;
            }
        }
        if ((domain.isEmpty() || domain.equals("ai.onnx")) && (version < 11 || version > 12)) {
            throw new IllegalArgumentException("per-sequence quantization supports opset 11-12, not " + version);
        }
    }

    /** The rewritten graph, or null if it has nothing to rewrite. */
    private static Graph rewriteGraph(byte[] model, Field graph) {
        List<Field> fields = Field.parse(model, graph.valueStart, graph.end);
        Out nodes = new Out(1 << 20);
        List<Field> kept = new ArrayList<>();
        // a [batch, sequence, 1] boolean mask of the real tokens, shared by every quantization
        nodes.bytes(
                1, node("Cast", List.of("attention_mask"), List.of(P + "mask_bool"), P + "mask_cast", toType(BOOL)));
        nodes.bytes(
                1,
                node(
                        "Unsqueeze",
                        List.of(P + "mask_bool"),
                        List.of(P + "mask"),
                        P + "mask_unsqueeze",
                        ints("axes", 2)));
        int rewritten = 0;
        boolean hasMask = false;
        for (Field f : fields) {
            if (f.number == 1) {
                Node n = Node.parse(model, f);
                if (n.op.equals("DynamicQuantizeLinear")) {
                    quantizePerSequence(nodes, n, P + (++rewritten) + "/");
                    continue;
                }
                if (n.op.equals("MatMulInteger") && n.inputs.size() == 4) {
                    matMulPerSequence(nodes, n, P + (++rewritten) + "/");
                    continue;
                }
                nodes.raw(model, f.start, f.end);
            } else if (f.number == 13) {
                // value_info: shape hints, wrong now for the per-sequence scales; onnxruntime infers shapes itself
            } else {
                if (f.number == 11 && Node.name(model, f).equals("attention_mask")) {
                    hasMask = true;
                }
                kept.add(f);
            }
        }
        if (rewritten == 0) {
            return null;
        }
        if (!hasMask) {
            throw new IllegalArgumentException("quantized model without an attention_mask input");
        }
        Out added = new Out(256);
        added.bytes(5, scalar(P + "max", FLOAT, floatBytes(Float.MAX_VALUE)));
        added.bytes(5, scalar(P + "lowest", FLOAT, floatBytes(-Float.MAX_VALUE)));
        added.bytes(5, scalar(P + "zero", FLOAT, floatBytes(0f)));
        added.bytes(5, scalar(P + "qmax", FLOAT, floatBytes(255f)));
        added.bytes(5, scalar(P + "u8zero", UINT8, new byte[] {0}));
        return new Graph(nodes.toByteArray(), kept, added.toByteArray());
    }

    /**
     * {@code DynamicQuantizeLinear} as the ONNX spec defines it, over each sequence's real tokens: scale = (max(0, max)
     * − min(0, min)) / 255, zero point = round(clip(−min / scale, 0, 255)), y = clip(round(x / scale) + zero point, 0,
     * 255); scale and zero point of shape [batch, 1, 1].
     */
    private static void quantizePerSequence(Out nodes, Node n, String p) {
        String x = n.inputs.get(0);
        String y = n.outputs.get(0);
        String scale = n.outputs.get(1);
        String zeroPoint = n.outputs.get(2);
        Emitter e = new Emitter(nodes, p);
        e.op("Where", List.of(P + "mask", x, P + "max"), p + "for_min");
        e.op("Where", List.of(P + "mask", x, P + "lowest"), p + "for_max");
        e.op("ReduceMin", List.of(p + "for_min"), p + "min", ints("axes", 1, 2), integer("keepdims", 1));
        e.op("ReduceMax", List.of(p + "for_max"), p + "max", ints("axes", 1, 2), integer("keepdims", 1));
        e.op("Min", List.of(p + "min", P + "zero"), p + "min0");
        e.op("Max", List.of(p + "max", P + "zero"), p + "max0");
        e.op("Sub", List.of(p + "max0", p + "min0"), p + "range");
        e.op("Div", List.of(p + "range", P + "qmax"), scale);
        e.op("Div", List.of(p + "min0", scale), p + "min_scaled");
        e.op("Sub", List.of(P + "zero", p + "min_scaled"), p + "zp_raw");
        e.op("Clip", List.of(p + "zp_raw", P + "zero", P + "qmax"), p + "zp_clipped");
        e.op("Round", List.of(p + "zp_clipped"), p + "zp_float");
        e.op("Cast", List.of(p + "zp_float"), zeroPoint, toType(UINT8));
        e.op("Div", List.of(x, scale), p + "x_scaled");
        e.op("Round", List.of(p + "x_scaled"), p + "x_rounded");
        e.op("Add", List.of(p + "x_rounded", p + "zp_float"), p + "x_shifted");
        e.op("Clip", List.of(p + "x_shifted", P + "zero", P + "qmax"), p + "x_clipped");
        e.op("Cast", List.of(p + "x_clipped"), y, toType(UINT8));
    }

    /** {@code MatMulInteger(a, w, za, zw)} with a per-sequence {@code za}: the product at za = 0 less za·Σₖ(w − zw). */
    private static void matMulPerSequence(Out nodes, Node n, String p) {
        // inputs: a, w, za, zw
        List<String> in = n.inputs;
        Emitter e = new Emitter(nodes, p);
        e.op("MatMulInteger", List.of(in.get(0), in.get(1), P + "u8zero", in.get(3)), p + "product");
        // constant per weight: onnxruntime folds it when the session is created
        e.op("Cast", List.of(in.get(1)), p + "w32", toType(INT32));
        e.op("Cast", List.of(in.get(3)), p + "zw32", toType(INT32));
        e.op("Sub", List.of(p + "w32", p + "zw32"), p + "w_centered");
        e.op("ReduceSum", List.of(p + "w_centered"), p + "w_colsum", ints("axes", 0), integer("keepdims", 0));
        e.op("Cast", List.of(in.get(2)), p + "za32", toType(INT32));
        e.op("Mul", List.of(p + "za32", p + "w_colsum"), p + "correction");
        e.op("Sub", List.of(p + "product", p + "correction"), n.outputs.getFirst());
    }

    private record Emitter(Out nodes, String prefix) {
        void op(String op, List<String> inputs, String output, byte[]... attributes) {
            String name = prefix + op + "_" + output.substring(output.lastIndexOf('/') + 1);
            nodes.bytes(1, node(op, inputs, List.of(output), name, attributes));
        }
    }

    private static byte[] node(String op, List<String> inputs, List<String> outputs, String name, byte[]... attrs) {
        Out o = new Out(256);
        inputs.forEach(i -> o.string(1, i));
        outputs.forEach(x -> o.string(2, x));
        o.string(3, name);
        o.string(4, op);
        for (byte[] a : attrs) {
            o.bytes(5, a);
        }
        return o.toByteArray();
    }

    private static byte[] toType(int type) {
        return integer("to", type);
    }

    private static byte[] integer(String name, long value) {
        Out o = new Out(32);
        o.string(1, name);
        o.varint(3, value);
        o.varint(20, 2); // AttributeType.INT
        return o.toByteArray();
    }

    private static byte[] ints(String name, long... values) {
        Out o = new Out(32);
        o.string(1, name);
        for (long v : values) {
            o.varint(8, v);
        }
        o.varint(20, 7); // AttributeType.INTS
        return o.toByteArray();
    }

    private static byte[] scalar(String name, int type, byte[] raw) {
        Out o = new Out(64);
        o.varint(2, type);
        o.string(8, name);
        o.bytes(9, raw);
        return o.toByteArray();
    }

    private static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7fL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static byte[] floatBytes(float f) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(f).array();
    }

    /** One protobuf field: its bytes {@code [start, end)}, the value's start, and the value of a varint. */
    private record Field(int number, int wire, int start, int valueStart, int end, long varint) {
        static List<Field> parse(byte[] b, int from, int to) {
            List<Field> out = new ArrayList<>();
            int[] pos = {from};
            while (pos[0] < to) {
                int start = pos[0];
                long key = readVarint(b, pos);
                int number = (int) (key >>> 3);
                int wire = (int) (key & 7);
                long value = 0;
                int valueStart = pos[0];
                switch (wire) {
                    case WIRE_VARINT -> value = readVarint(b, pos);
                    case WIRE_64 -> pos[0] += 8;
                    case WIRE_32 -> pos[0] += 4;
                    case WIRE_BYTES -> {
                        int length = (int) readVarint(b, pos);
                        valueStart = pos[0];
                        pos[0] += length;
                    }
                    default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wire);
                }
                if (pos[0] > to) {
                    throw new IllegalArgumentException("truncated protobuf field " + number);
                }
                out.add(new Field(number, wire, start, valueStart, pos[0], value));
            }
            return out;
        }

        String string(byte[] b) {
            return new String(b, valueStart, end - valueStart, StandardCharsets.UTF_8);
        }

        private static long readVarint(byte[] b, int[] pos) {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte x = b[pos[0]++];
                result |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }
    }

    /** The fields of a NodeProto this rewrite reads. */
    private record Node(String op, List<String> inputs, List<String> outputs) {
        static Node parse(byte[] b, Field node) {
            String op = "";
            List<String> inputs = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            for (Field f : Field.parse(b, node.valueStart, node.end)) {
                switch (f.number) {
                    case 1 -> inputs.add(f.string(b));
                    case 2 -> outputs.add(f.string(b));
                    case 4 -> op = f.string(b);
                    default -> {}
                }
            }
            return new Node(op, inputs, outputs);
        }

        /** The name (field 1) of a ValueInfoProto. */
        static String name(byte[] b, Field valueInfo) {
            for (Field f : Field.parse(b, valueInfo.valueStart, valueInfo.end)) {
                if (f.number == 1) {
                    return f.string(b);
                }
            }
            return "";
        }
    }

    private static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        void raw(byte[] b, int from, int to) {
            write(b, from, to - from);
        }

        void raw(byte[] b) {
            write(b, 0, b.length);
        }

        void key(int number, int wire) {
            rawVarint(((long) number << 3) | wire);
        }

        void varint(int number, long value) {
            key(number, WIRE_VARINT);
            rawVarint(value);
        }

        void bytes(int number, byte[] value) {
            key(number, WIRE_BYTES);
            rawVarint(value.length);
            raw(value);
        }

        void string(int number, String value) {
            bytes(number, value.getBytes(StandardCharsets.UTF_8));
        }

        /** The bytes written, without a copy when the buffer was sized exactly. */
        byte[] exact() {
            return count == buf.length ? buf : toByteArray();
        }

        void rawVarint(long v) {
            while ((v & ~0x7fL) != 0) {
                write((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }
    }
}
