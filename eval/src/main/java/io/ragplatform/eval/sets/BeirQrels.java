package io.ragplatform.eval.sets;

import java.io.IOException;
import java.util.Locale;
import java.util.TreeMap;

/**
 * One split's judgments, read from {@code qrels/<split>.tsv}: {@code query-id\tcorpus-id\tscore} per row, after an
 * optional header line; blank lines skipped, a repeated (query, document) pair keeps its highest grade.
 *
 * @param byQuery per query ID (sorted), per document ID (sorted), the grade
 * @param rows the judgment rows read
 * @param duplicates rows that repeated a (query, document) pair
 */
record BeirQrels(TreeMap<String, TreeMap<String, Integer>> byQuery, long rows, long duplicates) {
    /**
     * Reads every row of {@code lines} (and closes it).
     *
     * @throws io.ragplatform.error.RagException {@code invalid_archive} naming the file and line of a malformed row
     */
    static BeirQrels read(Lines lines) throws IOException {
        TreeMap<String, TreeMap<String, Integer>> byQuery = new TreeMap<>();
        long rows = 0;
        long duplicates = 0;
        boolean first = true;
        try (lines) {
            for (String line; (line = lines.next()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                boolean header = first
                        && cols.length == 3
                        && cols[0].strip().toLowerCase(Locale.ROOT).startsWith("query")
                        && !isInteger(cols[2].strip());
                first = false;
                if (header) {
                    continue;
                }
                if (cols.length != 3) {
                    throw BeirArchive.bad(
                            lines, "expected 3 tab-separated columns (query-id, corpus-id, score), got " + cols.length);
                }
                String query = cols[0].strip();
                String doc = cols[1].strip();
                String score = cols[2].strip();
                if (query.isEmpty() || doc.isEmpty()) {
                    throw BeirArchive.bad(lines, "empty " + (query.isEmpty() ? "query-id" : "corpus-id"));
                }
                if (!isInteger(score)) {
                    throw BeirArchive.bad(lines, "score '" + BeirArchive.abbreviate(score) + "' is not an integer");
                }
                int grade = Integer.parseInt(score);
                rows++;
                TreeMap<String, Integer> docs = byQuery.computeIfAbsent(query, k -> new TreeMap<>());
                Integer before = docs.putIfAbsent(doc, grade);
                if (before != null) {
                    duplicates++;
                    docs.put(doc, Math.max(before, grade));
                }
            }
        }
        return new BeirQrels(byQuery, rows, duplicates);
    }

    private static boolean isInteger(String s) {
        try {
            Integer.parseInt(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
