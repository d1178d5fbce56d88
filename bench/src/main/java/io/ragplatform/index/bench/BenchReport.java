package io.ragplatform.index.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the benchmark prints: a RESULT line per system as it is measured, the final table, the paired differences. */
final class BenchReport {
    private BenchReport() {}

    /** One line of the final table. */
    record Row(
            String system,
            int dim,
            String loadSeconds,
            String passagesPerSecond,
            String runs,
            Ranking.Metrics metrics,
            String queryMs) {

        /** The cells in table order: system, dim, passages/s, runs, the four metrics, load s, query ms. */
        Object[] cells() {
            return new Object[] {
                system,
                dim == 0 ? "-" : Integer.toString(dim),
                passagesPerSecond,
                runs,
                metrics.ndcg10(),
                metrics.recall10(),
                metrics.recall100(),
                metrics.mrr10(),
                loadSeconds,
                queryMs
            };
        }
    }

    /** The row as one greppable line, as soon as it is measured. */
    static void printResult(Row r) {
        Object[] cells = Arrays.copyOf(r.cells(), 11);
        cells[10] = r.metrics().queries();
        System.out.printf(
                Locale.ROOT,
                "RESULT %-50s dim=%-4s passages/s(median)=%-7s runs=[%s] nDCG@10=%.4f recall@10=%.4f"
                        + " recall@100=%.4f MRR@10=%.4f load_s=%s query_ms=%s queries=%d%n",
                cells);
    }

    /** The final Markdown table. */
    static void printTable(List<Row> rows, int runs) {
        System.out.println();
        System.out.println("| system | dim | passages/s (median of " + runs
                + ") | runs | nDCG@10 | recall@10 | recall@100" + " | MRR@10 | load s | query ms (median) |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.4f | %.4f | %.4f | %.4f | %s | %s |%n", r.cells());
        }
    }

    /** Every pair of rows: the mean nDCG@10 difference over the same queries, its 95% interval, wins/ties/losses. */
    static void printPairedDifferences(List<Row> rows, int queries) {
        System.out.println();
        System.out.println("Paired nDCG@10 differences over the same " + queries
                + " queries (B - A; 95% interval of the" + " mean = ±1.96·sd/√n; wins/ties/losses of B):");
        for (int a = 0; a < rows.size(); a++) {
            for (int b = a + 1; b < rows.size(); b++) {
                double[] x = rows.get(a).metrics().ndcg10PerQuery();
                double[] y = rows.get(b).metrics().ndcg10PerQuery();
                double[] d = new double[x.length];
                int wins = 0;
                int losses = 0;
                for (int q = 0; q < x.length; q++) {
                    d[q] = y[q] - x[q];
                    wins += d[q] > 1e-12 ? 1 : 0;
                    losses += d[q] < -1e-12 ? 1 : 0;
                }
                double mean = Arrays.stream(d).average().orElse(0);
                double var = Arrays.stream(d).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, d.length - 1);
                double half = 1.96 * Math.sqrt(var / d.length);
                System.out.printf(
                        Locale.ROOT,
                        "  A=%s  B=%s: %+.4f ± %.4f (%d/%d/%d)%n",
                        rows.get(a).system(),
                        rows.get(b).system(),
                        mean,
                        half,
                        wins,
                        d.length - wins - losses,
                        losses);
            }
        }
    }

    static int pct(int[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** The machine's 1/5/15-minute load averages (the machine is shared: timings are only as good as this). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("cpu ?");
        } catch (IOException | RuntimeException e) {
            return "cpu ?";
        }
    }
}
