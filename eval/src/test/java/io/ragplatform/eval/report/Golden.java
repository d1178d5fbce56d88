package io.ragplatform.eval.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Compares a rendered text with its golden file under {@code src/test/resources/golden/report/}, exactly, and on a
 * mismatch fails with a line diff. With {@code -Drag.golden.update=true} it rewrites the file instead and then fails
 * all the same when the file changed, so that an update run can never pass unnoticed; under {@code CI} it refuses to
 * update at all. See the README next to the golden files.
 */
final class Golden {
    static final String UPDATE = "rag.golden.update";
    private static final int CONTEXT = 3;
    private static final int MAX_DIFF_LINES = 80;

    private Golden() {}

    /** The source folder, not target/test-classes: an update must land where git sees it. */
    static Path dir() {
        return Path.of(System.getProperty("basedir", "")).resolve("src/test/resources/golden/report");
    }

    static void check(String name, String actual) {
        Path file = dir().resolve(name);
        String expected = read(file);
        if (Boolean.getBoolean(UPDATE)) {
            update(file, expected, actual);
            return;
        }
        if (expected == null) {
            throw new AssertionError("no golden file " + file + "; create it with -D" + UPDATE + "=true");
        }
        if (!expected.equals(actual)) {
            throw new AssertionFailedError(
                    name + " differs from its golden file " + file + " (- golden, + actual); if the change is "
                            + "intended, regenerate with -D" + UPDATE + "=true and review the diff\n"
                            + diff(expected, actual),
                    expected,
                    actual);
        }
    }

    private static void update(Path file, String expected, String actual) {
        if (System.getenv("CI") != null) {
            throw new AssertionError("-D" + UPDATE + "=true is set under CI: golden files are updated by hand only");
        }
        if (actual.equals(expected)) {
            System.err.println("WARNING: -D" + UPDATE + "=true: golden file " + file + " is unchanged");
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // fail on purpose: a run that rewrote a golden file must not look like a green build
        throw new AssertionError("UPDATED golden file " + file + " (-D" + UPDATE + "=true); review it with git diff and"
                + " rerun without the flag\n" + (expected == null ? "(new file)" : diff(expected, actual)));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A unified-style line diff (longest common subsequence), a few lines of context around each change. */
    static String diff(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add("  " + a[i]);
                i++;
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                lines.add("- " + a[i++]);
            } else {
                lines.add("+ " + b[j++]);
            }
        }
        StringBuilder out = new StringBuilder();
        int shown = 0;
        int lastShown = -1;
        for (int k = 0; k < lines.size() && shown < MAX_DIFF_LINES; k++) {
            if (!near(lines, k)) {
                continue;
            }
            if (lastShown >= 0 && k > lastShown + 1) {
                out.append("@@ line ").append(k + 1).append('\n');
            }
            out.append(lines.get(k)).append('\n');
            lastShown = k;
            shown++;
        }
        if (shown == MAX_DIFF_LINES) {
            out.append("... (diff cut at ").append(MAX_DIFF_LINES).append(" lines)\n");
        }
        return out.toString();
    }

    private static boolean near(List<String> lines, int k) {
        for (int d = Math.max(0, k - CONTEXT); d <= Math.min(lines.size() - 1, k + CONTEXT); d++) {
            if (!lines.get(d).startsWith("  ")) {
                return true;
            }
        }
        return false;
    }
}
