package io.ragplatform.bench;

import io.ragplatform.fixtures.Fixture;
import io.ragplatform.ingest.DocumentRejectedException;
import io.ragplatform.ingest.ExtractionLimits;
import io.ragplatform.ingest.Extractor;
import io.ragplatform.ingest.Extractors;
import io.ragplatform.ingest.ForkOptions;
import io.ragplatform.ingest.OcrOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Extraction throughput in process against forked parsers (one forked JVM, so both parse one file at a time).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.ragplatform.bench.ExtractionBench [ROUNDS] [DIR] [OCR]
 * </pre>
 *
 * The files are the handbook's six formats, or those of DIR. After two warm-up rounds of each (JVM start, class
 * loading and JIT of both), ROUNDS rounds, each extracting every file once in process and once forked, the order of the
 * two alternating from round to round. Prints, per file and for a whole round, the median milliseconds of each mode.
 * OCR is off unless OCR ({@code auto}, {@code required}) turns it on, in English and Simplified Chinese.
 */
public final class ExtractionBench {
    private ExtractionBench() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Path> files = args.length > 1 ? list(Path.of(args[1])) : handbook();
        OcrOptions ocr = args.length > 2 ? OcrOptions.parse(args[2], "eng+chi_sim") : OcrOptions.off();
        try (Extractor inProcess = Extractors.tika(ExtractionLimits.DEFAULTS, ocr);
                Extractor forked = Extractors.forkedTika(
                        ExtractionLimits.DEFAULTS, new ForkOptions(1, Duration.ofSeconds(60), 512L << 20), ocr)) {
            List<Extractor> modes = List.of(inProcess, forked);
            for (int w = 0; w < 2; w++) {
                for (Extractor e : modes) {
                    for (Path f : files) {
                        extract(e, f);
                    }
                }
            }
            double[][][] ms = new double[2][files.size()][rounds];
            double[][] total = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int m = (r + k) % 2;
                    for (int i = 0; i < files.size(); i++) {
                        long t0 = System.nanoTime();
                        extract(modes.get(m), files.get(i));
                        double t = (System.nanoTime() - t0) / 1e6;
                        ms[m][i][r] = t;
                        total[m][r] += t;
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT, "%-28s %10s %14s %10s %8s%n", "file", "bytes", "in-process ms", "forked ms", "ratio");
            for (int i = 0; i < files.size(); i++) {
                double a = median(ms[0][i]);
                double b = median(ms[1][i]);
                System.out.printf(
                        Locale.ROOT,
                        "%-28s %10d %14.1f %10.1f %8.2f%n",
                        files.get(i).getFileName(),
                        Files.size(files.get(i)),
                        a,
                        b,
                        b / a);
            }
            double a = median(total[0]);
            double b = median(total[1]);
            System.out.printf(
                    Locale.ROOT,
                    "%-28s %10s %14.1f %10.1f %8.2f   (%.1f vs %.1f files/s, %d rounds)%n",
                    "round of " + files.size() + " files",
                    "",
                    a,
                    b,
                    b / a,
                    files.size() * 1000 / a,
                    files.size() * 1000 / b,
                    rounds);
        }
    }

    private static void extract(Extractor extractor, Path file) {
        try {
            extractor.extract(file, file.getFileName().toString());
        } catch (DocumentRejectedException e) {
            // a refusal costs its time too
        }
    }

    private static List<Path> handbook() {
        List<Path> files = new ArrayList<>();
        for (String f : List.of("html", "docx", "md", "txt", "eml", "pdf")) {
            files.add(Fixture.handbook("handbook." + f));
        }
        return files;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
