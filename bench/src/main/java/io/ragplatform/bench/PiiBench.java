package io.ragplatform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ragplatform.fixtures.Fixture;
import io.ragplatform.ingest.pii.PiiRecognizer;
import io.ragplatform.ingest.pii.PiiSpan;
import io.ragplatform.ingest.pii.PiiType;
import io.ragplatform.ingest.pii.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The PII recogniser's quality and speed on labelled sentences (Presidio research's synthetic set).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.ragplatform.bench.PiiBench DIR [--rounds=10] [--examples]
 *     [--unlabelled=CORPUS.jsonl ...]
 * </pre>
 *
 * DIR holds {@code synth_dataset_v2.json}: a JSON array of {@code {"full_text", "spans": [{"entity_type",
 * "start_position", "end_position"}]}}. Gold types map to ours: EMAIL_ADDRESS → EMAIL, PHONE_NUMBER → PHONE,
 * CREDIT_CARD → CARD, IBAN_CODE → IBAN, IP_ADDRESS → IP (the set has no secrets and no identity numbers: every
 * SECRET or ID_NUMBER found is a false positive). A predicted span is a true positive if it overlaps a gold span of
 * its type (precision); a gold span is found if a predicted span of its type overlaps it (recall). False positives are also counted by the gold type they
 * overlap (DATE_TIME, ZIP_CODE, US_SSN, ...; {@code -} for none), and the gold spans of the types we do not handle are
 * listed with how many of them a prediction overlaps. Speed: {@link Redactor#redact(String)} on every sentence (one
 * call each), on all sentences joined into one text, and on the handbook's plain text (Latin-1 prose with almost no
 * PII), each repeated to about 2 MB a round (at most 1,000 times): three warm-up rounds, then ROUNDS timed ones; the
 * median, in MB/s of UTF-8 text. {@code --examples} prints each false positive and missed span. {@code --unlabelled}
 * counts what is found in a corpus without labels (a BEIR {@code corpus.jsonl}); with {@code --examples} each hit is
 * printed, to be read.
 */
public final class PiiBench {
    private static final Map<String, PiiType> GOLD = Map.of(
            "EMAIL_ADDRESS", PiiType.EMAIL,
            "PHONE_NUMBER", PiiType.PHONE,
            "CREDIT_CARD", PiiType.CARD,
            "IBAN_CODE", PiiType.IBAN,
            "IP_ADDRESS", PiiType.IP);

    /** What the timed calls returned, kept so that the JIT cannot drop them. */
    static volatile long consumed;

    private PiiBench() {}

    private record Gold(String entity, PiiType type, int start, int end) {}

    private record Sentence(String text, List<Gold> gold) {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: PiiBench DIR [--rounds=10] [--examples] [--unlabelled=CORPUS.jsonl ...]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int rounds = 10;
        boolean examples = false;
        List<Path> unlabelled = new ArrayList<>();
        for (String a : Arrays.asList(args).subList(1, args.length)) {
            if (a.startsWith("--rounds=")) {
                rounds = Integer.parseInt(a.substring("--rounds=".length()));
            } else if (a.equals("--examples")) {
                examples = true;
            } else if (a.startsWith("--unlabelled=")) {
                unlabelled.add(Path.of(a.substring("--unlabelled=".length())));
            } else {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        List<Sentence> sentences = read(dir.resolve("synth_dataset_v2.json"));
        System.out.println("redactor " + Redactor.standard().version());
        quality(sentences, examples);
        for (Path file : unlabelled) {
            unlabelled(file, examples);
        }
        speed(sentences, rounds);
    }

    private static List<Sentence> read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Sentence> out = new ArrayList<>();
        for (JsonNode s : root) {
            List<Gold> gold = new ArrayList<>();
            for (JsonNode g : s.path("spans")) {
                String entity = g.path("entity_type").asText();
                gold.add(new Gold(
                        entity,
                        GOLD.get(entity),
                        g.path("start_position").asInt(),
                        g.path("end_position").asInt()));
            }
            out.add(new Sentence(s.path("full_text").asText(), gold));
        }
        return out;
    }

    private static void quality(List<Sentence> sentences, boolean examples) {
        PiiRecognizer recognizer = PiiRecognizer.standard();
        Map<PiiType, int[]> counts = new EnumMap<>(PiiType.class); // predicted, true positive, gold, found
        for (PiiType t : PiiType.values()) {
            counts.put(t, new int[4]);
        }
        Map<String, Integer> falsePositives = new TreeMap<>();
        Map<String, int[]> others = new TreeMap<>(); // gold spans of types we do not handle: all, overlapped
        List<String> lines = new ArrayList<>();
        for (Sentence s : sentences) {
            List<PiiSpan> predicted = recognizer.find(s.text());
            for (PiiSpan p : predicted) {
                int[] c = counts.get(p.type());
                c[0]++;
                boolean hit = s.gold().stream().anyMatch(g -> g.type() == p.type() && overlaps(g, p));
                if (hit) {
                    c[1]++;
                } else {
                    String on = s.gold().stream()
                            .filter(g -> overlaps(g, p))
                            .map(Gold::entity)
                            .findFirst()
                            .orElse("-");
                    falsePositives.merge(p.type() + " on " + on, 1, Integer::sum);
                    lines.add("FP " + p.type() + " on " + on + ": " + quote(s.text(), p.start(), p.end()));
                }
            }
            for (Gold g : s.gold()) {
                if (g.type() == null) {
                    int[] o = others.computeIfAbsent(g.entity(), k -> new int[2]);
                    o[0]++;
                    if (predicted.stream().anyMatch(p -> overlaps(g, p))) {
                        o[1]++;
                    }
                    continue;
                }
                int[] c = counts.get(g.type());
                c[2]++;
                if (predicted.stream().anyMatch(p -> p.type() == g.type() && overlaps(g, p))) {
                    c[3]++;
                } else {
                    lines.add("FN " + g.type() + ": " + quote(s.text(), g.start(), g.end()));
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%d sentences, %d labelled spans%n",
                sentences.size(),
                sentences.stream().mapToInt(s -> s.gold().size()).sum());
        System.out.printf(
                Locale.ROOT,
                "%-9s %6s %6s %6s %6s %9s %7s %6s%n",
                "type",
                "gold",
                "found",
                "pred",
                "TP",
                "precision",
                "recall",
                "F1");
        int[] all = new int[4];
        for (PiiType t : PiiType.values()) {
            int[] c = counts.get(t);
            for (int i = 0; i < 4; i++) {
                all[i] += c[i];
            }
            row(t.name(), c);
        }
        row("all", all);
        System.out.println("false positives by the gold type they overlap (- for none):"
                + (falsePositives.isEmpty() ? " none" : ""));
        falsePositives.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-28s %4d%n", k, v));
        System.out.println("gold spans of other types, and how many a prediction overlaps:");
        others.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-20s %5d %4d%n", k, v[0], v[1]));
        if (examples) {
            lines.stream().sorted().forEach(System.out::println);
        }
    }

    /**
     * What is found in a text corpus without labels (a BEIR {@code corpus.jsonl}: {@code title} and {@code text} a
     * line): every hit is either real PII in the corpus or a false positive, to be told apart by reading them.
     */
    private static void unlabelled(Path file, boolean examples) throws IOException {
        PiiRecognizer recognizer = PiiRecognizer.standard();
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        List<String> lines = new ArrayList<>();
        long[] size = new long[2]; // documents, characters
        JsonLines.forEach(file, doc -> {
            String text = doc.path("title").asText() + "\n\n" + doc.path("text").asText();
            size[0]++;
            size[1] += text.length();
            for (PiiSpan p : recognizer.find(text)) {
                counts.merge(p.type(), 1, Integer::sum);
                lines.add("  " + p.type() + ": " + quote(text, p.start(), p.end()));
            }
        });
        System.out.printf(
                Locale.ROOT, "unlabelled %s: %d documents, %d chars, hits %s%n", file, size[0], size[1], counts);
        if (examples) {
            lines.forEach(System.out::println);
        }
    }

    private static void row(String name, int[] c) {
        double p = c[0] == 0 ? Double.NaN : (double) c[1] / c[0];
        double r = c[2] == 0 ? Double.NaN : (double) c[3] / c[2];
        double f = Double.isNaN(p) || Double.isNaN(r) || p + r == 0 ? Double.NaN : 2 * p * r / (p + r);
        System.out.printf(
                Locale.ROOT, "%-9s %6d %6d %6d %6d %9s %7s %6s%n", name, c[2], c[3], c[0], c[1], f3(p), f3(r), f3(f));
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void speed(List<Sentence> sentences, int rounds) throws IOException {
        List<String> texts = sentences.stream().map(Sentence::text).toList();
        speed("the sentences, one call each", texts, rounds);
        speed("the sentences as one text", List.of(String.join("\n\n", texts)), rounds);
        speed(
                "handbook.txt (prose, one text)",
                List.of(Files.readString(Fixture.handbook("handbook.txt"), StandardCharsets.ISO_8859_1)),
                rounds);
    }

    private static void speed(String name, List<String> texts, int rounds) {
        Redactor redactor = Redactor.standard();
        long bytes = 0;
        for (String t : texts) {
            bytes += t.getBytes(StandardCharsets.UTF_8).length;
        }
        int repeat = (int) Math.min(1000, Math.max(1, 2_000_000 / bytes)); // 2 MB a round (tiny inputs: 1,000 times)
        long sink = 0;
        for (int w = 0; w < 3; w++) {
            sink += redactAll(redactor, texts, repeat);
        }
        double[] mbs = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            sink += redactAll(redactor, texts, repeat);
            mbs[r] = bytes * repeat / 1e6 / ((System.nanoTime() - t0) / 1e9);
        }
        Arrays.sort(mbs);
        double median = rounds % 2 == 1 ? mbs[rounds / 2] : (mbs[rounds / 2 - 1] + mbs[rounds / 2]) / 2;
        System.out.printf(
                Locale.ROOT,
                "speed, %s: %.2f MB/s (median of %d rounds of %d x %d bytes; min %.2f, max %.2f)%n",
                name,
                median,
                rounds,
                repeat,
                bytes,
                mbs[0],
                mbs[rounds - 1]);
        consumed = sink;
    }

    private static long redactAll(Redactor redactor, List<String> texts, int repeat) {
        long n = 0;
        for (int i = 0; i < repeat; i++) {
            for (String t : texts) {
                n += redactor.redact(t).length();
            }
        }
        return n;
    }

    private static boolean overlaps(Gold g, PiiSpan p) {
        return g.start() < p.end() && p.start() < g.end();
    }

    private static String quote(String text, int start, int end) {
        int from = Math.max(0, start - 30);
        int to = Math.min(text.length(), end + 15);
        return (text.substring(from, start) + "«" + text.substring(start, end) + "»" + text.substring(end, to))
                .replace("\n", "⏎");
    }
}
