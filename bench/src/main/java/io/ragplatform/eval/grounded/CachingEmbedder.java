package io.ragplatform.eval.grounded;

import io.ragplatform.index.Embedder;
import io.ragplatform.index.ForwardingEmbedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Benchmark helper: an {@link Embedder} whose vectors persist in a file between runs (keyed by model and text). */
final class CachingEmbedder extends ForwardingEmbedder {
    private final Path file;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();
    private boolean dirty;

    CachingEmbedder(Embedder delegate, Path file) throws IOException {
        super(delegate);
        this.file = file;
        if (file != null && Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String key = in.readUTF();
                    float[] v = new float[in.readInt()];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = in.readFloat();
                    }
                    cache.put(key, v);
                }
            }
        }
    }

    synchronized void save() throws IOException {
        if (file == null || !dirty) {
            return;
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(cache.size());
            for (Map.Entry<String, float[]> e : cache.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float f : e.getValue()) {
                    out.writeFloat(f);
                }
            }
        }
        dirty = false;
    }

    private String key(String text) {
        String k = modelId() + "\u0000" + text;
        return k.length() > 20_000 ? k.substring(0, 20_000) + k.hashCode() : k;
    }

    @Override
    public synchronized List<float[]> embedAll(List<String> texts) {
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(
                texts.stream().filter(t -> !cache.containsKey(key(t))).toList()));
        if (!missing.isEmpty()) {
            List<float[]> vs = super.embedAll(missing);
            for (int i = 0; i < missing.size(); i++) {
                cache.put(key(missing.get(i)), vs.get(i));
            }
            dirty = true;
        }
        return texts.stream().map(t -> cache.get(key(t))).toList();
    }

    @Override
    public float[] embedQuery(String query) {
        return embedAll(List.of(query)).get(0);
    }
}
