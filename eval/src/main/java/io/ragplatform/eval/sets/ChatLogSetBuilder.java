package io.ragplatform.eval.sets;

import io.ragplatform.error.RagException;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.Relevance;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a dev/test pair of evaluation sets from a chat/query log so that no near-duplicate query is on both sides.
 *
 * <p>Input: JSON lines, one object per line: {@code {"query": str, "answer"?: str, "cited"?: [chunkId, ...],
 * "timestamp"?: ISO-8601 string or epoch millis, "id"?: str}}. The cited chunk IDs may also be under
 * {@code "citedChunkIds"} or {@code "chunkIds"} (several keys are joined); other keys are ignored. Blank lines are
 * skipped; a line that is not such an object (malformed JSON, no or blank {@code query}, a query without letters or
 * digits, a field of the wrong type, an unreadable timestamp) is skipped and reported with its number. An ISO
 * date-time without offset is taken as UTC.
 *
 * <p>Steps:
 * <ol>
 *   <li>Normalize each query: NFKC, lower case ({@code Locale.ROOT}), whitespace collapsed, punctuation stripped at
 *       both ends. Entries with the same normalized query are exact duplicates.
 *   <li>Cluster the distinct normalized queries: queries of three or more words are near-duplicates when the Jaccard
 *       similarity of their word 3-shingle sets reaches {@link Options#nearDuplicateThreshold()}; shorter queries when
 *       they have the same set of words. Clusters are connected components. The shingles are the documents'
 *       near-duplicate shingles ({@code io.ragplatform.ingest.dedup}, 3 words instead of 5); candidate pairs come
 *       from LSH over their MinHash signatures, banded for the threshold so that a pair at it is missed with
 *       probability at most 10^-6, and are verified on the exact shingle sets (no all-pairs comparison; a few seconds
 *       for 50k lines).
 *   <li>One item per cluster. Its representative is the cluster's earliest entry by timestamp (entries without one
 *       come last; ties broken by normalized query, raw query, ID, answer, citations, never by line order). Item:
 *       ID = the representative's log {@code id} if it has one (unless another cluster's representative has the same
 *       one), else the first 16 hex digits of SHA-256 of its normalized query; query = its query as logged;
 *       relevant = the union of the cluster's cited chunk IDs as {@link Relevance#chunk(String)}, sorted; answer =
 *       its answer, or if it has none the latest non-blank answer in the cluster (by timestamp; an undated answer only
 *       when no dated entry has one); contexts = null. A cluster that
 *       cited nothing gives an item with empty {@code relevant} (scored for groundedness only when it has an answer);
 *       a cluster with neither citations nor an answer still gives an item, useful for manual judging; the report
 *       counts the three kinds.
 *   <li>Split by cluster: SHA-256 of (seed, NUL, the representative's normalized query) read as a number in [0, 1);
 *       below {@link Options#testFraction()} means test.
 * </ol>
 *
 * <p>The result depends only on the multiset of input lines and the options: the same lines in any order give the
 * same items in the same sets (the report's invalid-line examples cite line numbers, so those follow the order).
 * Input is read as UTF-8; bytes that are not UTF-8, or a line over 10 Mi characters, stop the build with a
 * {@link RagException} with code {@value #ERROR} naming the line (such input is not a log in the expected encoding).
 * Options out of range are {@code invalid_request}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ChatLogSetBuilder {
    /** The error code of a log that cannot be read as one. */
    public static final String ERROR = "invalid_chat_log";

    /** Most invalid lines quoted in the report. */
    static final int INVALID_EXAMPLES = 10;

    private final Options options;

    /** A builder with {@link Options#defaults()}. */
    public ChatLogSetBuilder() {
        this(Options.defaults());
    }

    /** A builder with the given options. */
    public ChatLogSetBuilder(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * How to build the split.
     *
     * @param testFraction the share of clusters that go to test, in [0, 1] (0: all dev, 1: all test)
     * @param nearDuplicateThreshold Jaccard similarity of word 3-shingle sets from which two queries are
     *     near-duplicates, in (0, 1] (1: same shingle set)
     * @param seed varies the split; the same seed gives the same split
     */
    public record Options(double testFraction, double nearDuplicateThreshold, long seed) {
        public static final double DEFAULT_TEST_FRACTION = 0.5;
        public static final double DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.8;
        public static final long DEFAULT_SEED = 42;

        public Options {
            RagException.check(
                    testFraction >= 0 && testFraction <= 1,
                    "invalid_request",
                    "testFraction must be in [0, 1], was " + testFraction);
            RagException.check(
                    nearDuplicateThreshold > 0 && nearDuplicateThreshold <= 1,
                    "invalid_request",
                    "nearDuplicateThreshold must be in (0, 1], was " + nearDuplicateThreshold);
        }

        /** Test fraction 0.5, threshold 0.8, seed 42. */
        public static Options defaults() {
            return new Options(DEFAULT_TEST_FRACTION, DEFAULT_NEAR_DUPLICATE_THRESHOLD, DEFAULT_SEED);
        }

        /** These options with another test fraction. */
        public Options withTestFraction(double testFraction) {
            return new Options(testFraction, nearDuplicateThreshold, seed);
        }

        /** These options with another near-duplicate threshold. */
        public Options withNearDuplicateThreshold(double nearDuplicateThreshold) {
            return new Options(testFraction, nearDuplicateThreshold, seed);
        }

        /** These options with another seed. */
        public Options withSeed(long seed) {
            return new Options(testFraction, nearDuplicateThreshold, seed);
        }
    }

    /** The options this builder uses. */
    public Options options() {
        return options;
    }

    /**
     * Builds the split from a log file (UTF-8).
     *
     * @throws RagException {@code invalid_chat_log} if the file is not UTF-8 or has a line over 10 Mi characters
     * @throws IOException if it cannot be read
     */
    public ChatLogSplit build(Path log) throws IOException {
        try (InputStream in = Files.newInputStream(log);
                Lines lines = Lines.of(in, log.getFileName().toString(), Lines.DEFAULT_MAX_LINE_CHARS)
                        .code(ERROR)) {
            return build(lines);
        }
    }

    /**
     * Builds the split from log text. The reader is read to the end, not closed.
     *
     * @throws RagException {@code invalid_chat_log} if a line is over 10 Mi characters
     * @throws IOException if it cannot be read
     */
    public ChatLogSplit build(Reader log) throws IOException {
        return build(Lines.of(log, "chat log", Lines.DEFAULT_MAX_LINE_CHARS).code(ERROR));
    }

    private ChatLogSplit build(Lines lines) throws IOException {
        long read = 0;
        long blank = 0;
        long invalid = 0;
        List<String> invalidExamples = new ArrayList<>();
        // distinct normalized query -> its entries
        TreeMap<String, List<ChatLogEntry>> byQuery = new TreeMap<>();
        long entries = 0;
        for (String line; (line = lines.next()) != null; ) {
            read++;
            if (line.isBlank()) {
                blank++;
                continue;
            }
            ChatLogEntry e;
            try {
                e = ChatLogEntry.parse(lines.lineNumber(), line);
            } catch (ChatLogEntry.Invalid bad) {
                invalid++;
                if (invalidExamples.size() < INVALID_EXAMPLES) {
                    invalidExamples.add("line " + lines.lineNumber() + ": " + bad.getMessage());
                }
                continue;
            }
            entries++;
            byQuery.computeIfAbsent(e.normalized(), k -> new ArrayList<>(1)).add(e);
        }

        List<String> distinct = new ArrayList<>(byQuery.keySet());
        int[] label = QueryClusters.clusters(distinct, options.nearDuplicateThreshold());
        TreeMap<Integer, List<ChatLogEntry>> clusters = new TreeMap<>();
        Map<Integer, Integer> queriesPerCluster = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            clusters.computeIfAbsent(label[i], k -> new ArrayList<>()).addAll(byQuery.get(distinct.get(i)));
            queriesPerCluster.merge(label[i], 1, Integer::sum);
        }
        int nearClusters =
                (int) queriesPerCluster.values().stream().filter(c -> c > 1).count();

        List<Cluster> built = new ArrayList<>(clusters.size());
        Map<String, Integer> logIdUse = new HashMap<>();
        for (List<ChatLogEntry> members : clusters.values()) {
            members.sort(ChatLogEntry.CHRONOLOGICAL);
            Cluster c = Cluster.of(members);
            built.add(c);
            if (c.representative().id() != null) {
                logIdUse.merge(c.representative().id(), 1, Integer::sum);
            }
        }

        List<EvalItem> dev = new ArrayList<>();
        List<EvalItem> test = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int conflicts = 0;
        int cited = 0;
        int answerOnly = 0;
        int queryOnly = 0;
        for (Cluster c : built) {
            ChatLogEntry rep = c.representative();
            String id;
            if (rep.id() != null && logIdUse.get(rep.id()) == 1) {
                id = rep.id();
            } else {
                if (rep.id() != null) {
                    conflicts++;
                }
                id = hashId(rep.normalized());
            }
            if (!ids.add(id)) {
                throw new IllegalStateException("two items of the chat log would have ID '" + id
                        + "' (a log id equal to another query's hash ID?)");
            }
            List<Relevance> relevant = c.cited().stream().map(Relevance::chunk).toList();
            EvalItem item = new EvalItem(id, rep.query(), relevant, c.answer(), null);
            if (!relevant.isEmpty()) {
                cited++;
            } else if (c.answer() != null) {
                answerOnly++;
            } else {
                queryOnly++;
            }
            (isTest(rep.normalized()) ? test : dev).add(item);
        }
        dev.sort(Comparator.comparing(EvalItem::id));
        test.sort(Comparator.comparing(EvalItem::id));
        var report = new ChatLogSplit.Report(
                read,
                blank,
                invalid,
                invalidExamples,
                entries,
                entries - distinct.size(),
                nearClusters,
                distinct.size() - built.size(),
                conflicts,
                cited,
                answerOnly,
                queryOnly,
                dev.size(),
                test.size());
        return new ChatLogSplit(dev, test, report);
    }

    /** A cluster's entries in {@link ChatLogEntry#CHRONOLOGICAL} order, reduced. */
    private record Cluster(ChatLogEntry representative, String answer, TreeSet<String> cited) {
        static Cluster of(List<ChatLogEntry> chronological) {
            ChatLogEntry rep = chronological.get(0);
            String answer = rep.answer();
            // the latest answer: of the dated entries if one has an answer, else of the undated ones (last in order)
            for (int i = chronological.size() - 1; answer == null && i >= 0; i--) {
                if (chronological.get(i).timestamp() != null) {
                    answer = chronological.get(i).answer();
                }
            }
            for (int i = chronological.size() - 1; answer == null && i >= 0; i--) {
                answer = chronological.get(i).answer();
            }
            TreeSet<String> cited = new TreeSet<>();
            chronological.forEach(e -> cited.addAll(e.cited()));
            return new Cluster(rep, answer, cited);
        }
    }

    /** Whether the cluster with this representative goes to test. */
    boolean isTest(String normalizedQuery) {
        byte[] h = sha256(options.seed() + "\u0000" + normalizedQuery);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = bits << 8 | (h[i] & 0xFF);
        }
        double u = (bits >>> 11) * 0x1.0p-53;
        return u < options.testFraction();
    }

    /** The first 16 hex digits of SHA-256 of the normalized query (UTF-8). */
    static String hashId(String normalizedQuery) {
        return HexFormat.of().formatHex(sha256(normalizedQuery), 0, 8);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
