package io.ragplatform.index.bench;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.ragplatform.index.BatchedEmbedders;
import io.ragplatform.index.BatchedEmbedders.BatchOptions;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.ingest.TokenCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The current embedder (LangChain4j's in-process model through {@link Embedders}) against batched embedders of the
 * same model ({@link BatchedEmbedders}), side by side in one run, on chunks of a fixed token length.
 *
 * <p>Usage: {@code BatchedEmbeddingBench <beir-dir> [--model=bge-small-en-v15-q] [--tokens=510] [--chunks=32]
 * [--rounds=3] [--batch=32] [--variant=t1-b32-k4096-all-nospin-p1]...}
 *
 * <p>Chunks: the passages of {@code corpus.jsonl} in file order, joined and cut at word boundaries into pieces of at
 * most {@code tokens} tokens under the model's tokenizer (special tokens excluded; 510 is what the chunker gives BGE).
 * Every embedder embeds the same chunks through {@link Embedder#embedAll(List)} in calls of {@code batch} chunks (as
 * ingestion calls it); in each round every embedder takes one turn, the first one rotating, so a change in the load of
 * a shared machine hits them alike; medians over rounds and the ratio to the current embedder are printed, with the
 * smallest cosine between each batched embedder's vectors and the current one's. A variant is {@code t<intra-op
 * threads>-b<max batch>-k<max batch tokens>-<none|basic|extended|all>-<spin|nospin>-p<batches run at the same time>}; without one, {@link
 * BatchOptions#DEFAULT}. Memory: the process's resident set (VmRSS) after loading and warming up each embedder, its
 * peak (VmHWM), and the heap in use after a GC.
 */
public final class BatchedEmbeddingBench {
    private static final List<String> OPTIONS = List.of("model", "tokens", "chunks", "rounds", "batch", "variant");

    private BatchedEmbeddingBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = null;
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> variants = new ArrayList<>();
        for (String a : args) {
            if (!a.startsWith("--")) {
                dir = Path.of(a);
                continue;
            }
            String[] kv = a.substring(2).split("=", 2);
            if (kv.length != 2 || !OPTIONS.contains(kv[0])) {
                throw new IllegalArgumentException("unknown option " + a + "; options: " + OPTIONS);
            }
            if (kv[0].equals("variant")) {
                variants.add(kv[1]);
            } else {
                opts.put(kv[0], kv[1]);
            }
        }
        String model = opts.getOrDefault("model", Embedders.BGE_SMALL_EN_V15_Q);
        int tokens = Integer.parseInt(opts.getOrDefault("tokens", "510"));
        int chunks = Integer.parseInt(opts.getOrDefault("chunks", "32"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        int batch = Integer.parseInt(opts.getOrDefault("batch", "32"));
        if (dir == null) {
            System.err.println("usage: BatchedEmbeddingBench <beir-dir> [--model=bge-small-en-v15-q] [--tokens=510]"
                    + " [--chunks=32] [--rounds=3] [--batch=32] [--variant=t1-b32-k4096-all-nospin-p1]...");
            System.exit(2);
        }
        if (variants.isEmpty()) {
            variants.add(label(BatchOptions.DEFAULT));
        }
        System.out.printf(Locale.ROOT, "# BatchedEmbeddingBench %s%n", Instant.now());
        System.out.printf(
                Locale.ROOT,
                "# java %s, %d cores, %s, max heap %d MB; load average at start: %s%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                BenchReport.cpuModel(),
                Runtime.getRuntime().maxMemory() >> 20,
                BenchReport.loadAverage());
        ai.onnxruntime.OrtEnvironment.getEnvironment();
        System.out.printf(Locale.ROOT, "# RSS after ONNX Runtime init: %d MB%n", rssMb("VmRSS"));

        Map<String, Embedder> embedders = new LinkedHashMap<>();
        Map<String, String> memory = new LinkedHashMap<>();
        Start start = Start.now();
        Embedder current = Embedders.named(model, 0);
        List<String> texts =
                chunks(BeirFolder.readCorpus(dir.resolve("corpus.jsonl")), current.tokenCounter(), tokens, chunks);
        int[] lengths =
                texts.stream().mapToInt(current.tokenCounter()::count).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "# %d chunks of at most %d tokens: min %d, median %d, max %d; embedAll calls of %d chunks%n",
                texts.size(),
                tokens,
                lengths[0],
                lengths[lengths.length / 2],
                lengths[lengths.length - 1],
                batch);
        add(embedders, memory, "current (LangChain4j " + model + ")", current, start, texts);
        for (String v : variants) {
            start = Start.now();
            Embedder e = BatchedEmbedders.of(BatchedEmbedders.model(model), options(v), current.maxTokens());
            add(embedders, memory, "batched " + v, e, start, texts);
        }

        List<float[]> reference = embedAll(current, texts, batch);
        Map<String, double[]> rates = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(embedders.keySet());
        names.forEach(n -> rates.put(n, new double[0]));
        for (String n : names.subList(1, names.size())) {
            List<float[]> v = embedAll(embedders.get(n), texts, batch);
            System.out.printf(Locale.ROOT, "# %s: smallest cosine to current %.7f%n", n, minCosine(reference, v));
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.size(); k++) {
                String n = names.get((k + r) % names.size());
                long s = System.nanoTime();
                embedAll(embedders.get(n), texts, batch);
                double rate = texts.size() / ((System.nanoTime() - s) / 1e9);
                double[] old = rates.get(n);
                double[] now = Arrays.copyOf(old, old.length + 1);
                now[old.length] = rate;
                rates.put(n, now);
            }
            System.out.printf(
                    Locale.ROOT, "# round %d of %d done; load average %s%n", r + 1, rounds, BenchReport.loadAverage());
        }

        System.gc();
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Chunks/s, %d chunks of <= %d tokens, %d interleaved rounds (%s); peak RSS %d MB, heap in use after GC"
                        + " %d MB:%n",
                texts.size(),
                tokens,
                rounds,
                model,
                rssMb("VmHWM"),
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        double first = 0;
        for (String n : names) {
            double[] v = rates.get(n).clone();
            Arrays.sort(v);
            double median = v[v.length / 2];
            if (first == 0) {
                first = median;
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %-45s median %6.2f chunks/s (rounds: %s), %.2fx current; %s%n",
                    n,
                    median,
                    String.join(
                            " / ",
                            Arrays.stream(rates.get(n))
                                    .mapToObj(x -> String.format(Locale.ROOT, "%.2f", x))
                                    .toList()),
                    median / first,
                    memory.get(n));
        }
    }

    /** When an embedder's load began: time and resident set. */
    private record Start(long nanos, long residentMb) {
        static Start now() {
            return new Start(System.nanoTime(), BatchedEmbeddingBench.rssMb("VmRSS"));
        }
    }

    /** Warms the embedder up on two chunks and records its load time and memory. */
    private static void add(
            Map<String, Embedder> embedders,
            Map<String, String> memory,
            String name,
            Embedder e,
            Start start,
            List<String> texts) {
        e.embedAll(texts.subList(0, Math.min(2, texts.size())));
        double seconds = (System.nanoTime() - start.nanos()) / 1e9;
        embedders.put(name, e);
        memory.put(
                name,
                String.format(
                        Locale.ROOT,
                        "loaded + warmed up in %.1f s, RSS then %d MB (+%d MB)",
                        seconds,
                        rssMb("VmRSS"),
                        rssMb("VmRSS") - start.residentMb()));
        System.out.printf(Locale.ROOT, "# %s: %s%n", name, memory.get(name));
    }

    /** Pieces of the joined passages of at most {@code tokens} tokens, cut at word boundaries. */
    static List<String> chunks(List<BeirFolder.Passage> passages, TokenCounter counter, int tokens, int count) {
        List<String> out = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        int next = 0;
        while (out.size() < count) {
            // enough text for one chunk: about 8 characters a token is plenty for English
            while (rest.length() < tokens * 8 && next < passages.size()) {
                rest.append(passages.get(next++).text()).append(' ');
            }
            if (rest.isEmpty()) {
                break;
            }
            String window =
                    rest.substring(0, Math.min(rest.length(), tokens * 8)).strip();
            String piece = ModelInputs.truncate(window, counter, tokens);
            if (piece.isEmpty() || piece.length() == window.length() && next >= passages.size()) {
                piece = window;
                rest.setLength(0);
            } else {
                rest.delete(0, rest.indexOf(piece) + piece.length());
            }
            out.add(piece);
        }
        return out;
    }

    /** {@code t1-b32-k4096-all-nospin-p1}. */
    static BatchOptions options(String variant) {
        String[] p = variant.split("-");
        if (p.length != 6 || !p[0].startsWith("t") || !p[1].startsWith("b") || !p[2].startsWith("k")) {
            throw new IllegalArgumentException(
                    "variant " + variant + " is not t<n>-b<n>-k<n>-<opt>-<spin|nospin>-p<n>");
        }
        OptLevel opt = switch (p[3]) {
            case "none" -> OptLevel.NO_OPT;
            case "basic" -> OptLevel.BASIC_OPT;
            case "extended" -> OptLevel.EXTENDED_OPT;
            case "all" -> OptLevel.ALL_OPT;
            default -> throw new IllegalArgumentException("optimization level " + p[3]);
        };
        return new BatchOptions(
                Integer.parseInt(p[0].substring(1)),
                Integer.parseInt(p[1].substring(1)),
                Integer.parseInt(p[2].substring(1)),
                opt,
                p[4].equals("spin"),
                Integer.parseInt(p[5].substring(1)));
    }

    static String label(BatchOptions o) {
        String opt = switch (o.optimization()) {
            case NO_OPT -> "none";
            case BASIC_OPT -> "basic";
            case EXTENDED_OPT -> "extended";
            case ALL_OPT -> "all";
        };
        return "t" + o.intraOpThreads() + "-b" + o.maxBatch() + "-k" + o.maxBatchTokens() + "-" + opt + "-"
                + (o.spinning() ? "spin" : "nospin") + "-p" + o.parallelBatches();
    }

    private static List<float[]> embedAll(Embedder embedder, List<String> texts, int batch) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batch) {
            out.addAll(embedder.embedAll(texts.subList(from, Math.min(from + batch, texts.size()))));
        }
        return out;
    }

    private static double minCosine(List<float[]> a, List<float[]> b) {
        double min = 1;
        for (int i = 0; i < a.size(); i++) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int j = 0; j < a.get(i).length; j++) {
                dot += (double) a.get(i)[j] * b.get(i)[j];
                na += (double) a.get(i)[j] * a.get(i)[j];
                nb += (double) b.get(i)[j] * b.get(i)[j];
            }
            min = Math.min(min, dot / Math.sqrt(na * nb));
        }
        return min;
    }

    /** A line of /proc/self/status in MB ({@code VmRSS}, {@code VmHWM}), or -1 where there is none. */
    private static long rssMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }
}
