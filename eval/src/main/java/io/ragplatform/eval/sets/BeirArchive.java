package io.ragplatform.eval.sets;

import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.Relevance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A BEIR dataset zip, read in place (nothing is extracted to disk): {@code corpus.jsonl} ({@code {"_id", "title",
 * "text", "metadata"?}} per line), {@code queries.jsonl} ({@code {"_id", "text", "metadata"?}}) and
 * {@code qrels/<split>.tsv} ({@code query-id\tcorpus-id\tscore}, after a header line), at the zip's root or inside
 * one top-level folder ({@code scifact/corpus.jsonl}). {@code __MACOSX/} and dot-files are ignored, as are entry names
 * that try to leave the archive ({@code ..}, absolute paths).
 *
 * <p>The corpus is streamed, never held in memory; the queries and one split's qrels are (up to 512 Mi characters
 * each, a guard against zip bombs). Files are read as UTF-8 (a byte-order mark at the start is skipped), blank lines
 * are skipped, and a line longer than 10 Mi characters is an error. Malformed input is an {@link IllegalArgumentException} naming the file and the line: malformed JSON, a
 * missing {@code _id}, a repeated query ID, a qrels row without exactly three tab-separated columns or with a
 * non-integer score.
 *
 * <p>Usage:
 * <pre>{@code
 * try (BeirArchive beir = BeirArchive.open(zip)) {
 *     BeirSet set = beir.read(null);                  // "test", or the only split
 *     long total = beir.corpusSize();                 // for progress
 *     try (Stream<BeirDocument> docs = beir.corpus()) {
 *         docs.forEach(d -> ingest(d.id(), d.asText()));
 *     }
 *     store.createVersion("scifact-" + set.split(), set.items());
 * }
 * }</pre>
 *
 * <p>Not thread-safe, except that several {@link #corpus()} streams may be open at once.
 */
public final class BeirArchive implements AutoCloseable {
    /** The split chosen when none is requested and the archive has it. */
    public static final String DEFAULT_SPLIT = "test";

    static final String CORPUS = "corpus.jsonl";
    static final String QUERIES = "queries.jsonl";
    static final String QRELS_DIR = "qrels/";
    /** Most entries named in an error message. */
    private static final int LISTED_ENTRIES = 10;
    /** Most IDs kept as examples in a report. */
    static final int EXAMPLES = 10;
    /** Largest {@code queries.jsonl} or qrels file read into memory: 512 Mi characters. */
    static final long MAX_IN_MEMORY_CHARS = 512L * 1024 * 1024;
    /** Longest accepted document ID: the ingest module's limit on a {@code sourceId}. */
    static final int MAX_DOCUMENT_ID_LENGTH = 1024;

    private final Path path;
    private final ZipFile zip;
    private final String base;
    private final ZipEntry corpus;
    private final ZipEntry queries;
    private final Map<String, ZipEntry> qrels;
    private final int maxLineChars;
    private final long maxInMemoryChars;
    private long corpusSize = -1;

    private BeirArchive(
            Path path,
            ZipFile zip,
            String base,
            ZipEntry corpus,
            ZipEntry queries,
            Map<String, ZipEntry> qrels,
            int maxLineChars,
            long maxInMemoryChars) {
        this.path = path;
        this.zip = zip;
        this.base = base;
        this.corpus = corpus;
        this.queries = queries;
        this.qrels = qrels;
        this.maxLineChars = maxLineChars;
        this.maxInMemoryChars = maxInMemoryChars;
    }

    /**
     * Opens a BEIR zip and locates its files.
     *
     * @throws IllegalArgumentException if the file is not a zip, holds several datasets, or lacks {@code corpus.jsonl},
     *     {@code queries.jsonl} or any {@code qrels/<split>.tsv} (the message lists the first entries it does hold)
     * @throws IOException if the file cannot be read
     */
    public static BeirArchive open(Path zip) throws IOException {
        return open(zip, Lines.DEFAULT_MAX_LINE_CHARS, MAX_IN_MEMORY_CHARS);
    }

    static BeirArchive open(Path path, int maxLineChars, long maxInMemoryChars) throws IOException {
        Objects.requireNonNull(path, "zip");
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new IllegalArgumentException("'" + path + "' is not a readable zip archive: " + e.getMessage(), e);
        }
        try {
            return locate(path, zip, maxLineChars, maxInMemoryChars);
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static BeirArchive locate(Path path, ZipFile zip, int maxLineChars, long maxInMemoryChars) {
        Map<String, ZipEntry> files = new TreeMap<>();
        List<String> allNames = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            allNames.add(entry.getName());
            String name = entry.getName().replace('\\', '/');
            if (!entry.isDirectory() && !name.endsWith("/") && !ignored(name)) {
                files.putIfAbsent(name, entry);
            }
        }
        Set<String> bases = new TreeSet<>();
        for (String name : files.keySet()) {
            int slash = name.indexOf('/');
            String folder = slash < 0 ? "" : name.substring(0, slash + 1);
            String rest = name.substring(folder.length());
            if (rest.equals(CORPUS) || rest.equals(QUERIES) || isQrels(rest)) {
                bases.add(folder);
            }
        }
        String base;
        if (bases.contains("")) {
            base = "";
        } else if (bases.size() == 1) {
            base = bases.iterator().next();
        } else if (bases.isEmpty()) {
            base = "";
        } else {
            throw new IllegalArgumentException("BEIR archive '" + path + "' holds several datasets ("
                    + String.join(", ", bases) + "); expected its files at the root or inside one top-level folder");
        }
        Map<String, ZipEntry> qrels = new TreeMap<>();
        files.forEach((name, entry) -> {
            if (name.startsWith(base) && isQrels(name.substring(base.length()))) {
                String file = name.substring(base.length() + QRELS_DIR.length());
                qrels.put(file.substring(0, file.length() - ".tsv".length()), entry);
            }
        });
        ZipEntry corpus = files.get(base + CORPUS);
        ZipEntry queries = files.get(base + QUERIES);
        List<String> missing = new ArrayList<>();
        if (corpus == null) {
            missing.add(CORPUS);
        }
        if (queries == null) {
            missing.add(QUERIES);
        }
        if (qrels.isEmpty()) {
            missing.add(QRELS_DIR + "<split>.tsv");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("BEIR archive '" + path + "' has no " + String.join(", no ", missing)
                    + (base.isEmpty() ? " at its root or in one top-level folder" : " in folder '" + base + "'")
                    + "; it holds " + describeEntries(allNames));
        }
        return new BeirArchive(
                path, zip, base, corpus, queries, Collections.unmodifiableMap(qrels), maxLineChars, maxInMemoryChars);
    }

    private static boolean isQrels(String rest) {
        return rest.startsWith(QRELS_DIR)
                && rest.endsWith(".tsv")
                && rest.indexOf('/', QRELS_DIR.length()) < 0
                && rest.length() > QRELS_DIR.length() + ".tsv".length();
    }

    /** macOS resource forks, dot-files and names that would leave the archive if extracted. */
    private static boolean ignored(String name) {
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String segment : name.split("/")) {
            if (segment.equals("__MACOSX") || segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String describeEntries(List<String> names) {
        if (names.isEmpty()) {
            return "no entries";
        }
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        String listed = String.join(", ", sorted.subList(0, Math.min(LISTED_ENTRIES, sorted.size())));
        return sorted.size() <= LISTED_ENTRIES ? listed : listed + ", ... (" + sorted.size() + " entries)";
    }

    /** The zip file. */
    public Path path() {
        return path;
    }

    /** The folder holding the dataset's files, ending in {@code /}, or empty when they are at the root. */
    public String folder() {
        return base;
    }

    /** The splits present ({@code qrels/<split>.tsv}), sorted. */
    public List<String> splits() {
        return List.copyOf(qrels.keySet());
    }

    /**
     * The split to read: {@code requested} when given, otherwise {@value #DEFAULT_SPLIT} when present, otherwise the
     * only split present.
     *
     * @param requested a split name, or null to choose the default
     * @throws IllegalArgumentException if the requested split is absent, or none is requested and the archive has
     *     several splits but no {@value #DEFAULT_SPLIT} (the message names the splits present)
     */
    public String split(String requested) {
        if (requested != null) {
            if (!qrels.containsKey(requested)) {
                throw new IllegalArgumentException("BEIR archive '" + path + "' has no split '" + requested
                        + "'; splits present: " + String.join(", ", qrels.keySet()));
            }
            return requested;
        }
        if (qrels.containsKey(DEFAULT_SPLIT)) {
            return DEFAULT_SPLIT;
        }
        if (qrels.size() == 1) {
            return qrels.keySet().iterator().next();
        }
        throw new IllegalArgumentException("BEIR archive '" + path + "' has no '" + DEFAULT_SPLIT
                + "' split and several others (" + String.join(", ", qrels.keySet()) + "); name the split to read");
    }

    /**
     * The number of documents in the corpus. The first call reads the whole corpus once (validating every line, so a
     * malformed corpus fails here, before any document is ingested); later calls, and calls after {@link #read}, are
     * free.
     *
     * @throws IllegalArgumentException if a corpus line is malformed
     */
    public long corpusSize() throws IOException {
        if (corpusSize < 0) {
            corpusSize = scanCorpus(Set.of(), new HashSet<>());
        }
        return corpusSize;
    }

    /**
     * The corpus documents in file order, streamed from the zip. The stream holds the zip entry open: close it (use
     * try-with-resources). Malformed lines surface as an {@link IllegalArgumentException} from the stream's terminal
     * operation, read errors as an {@link UncheckedIOException}.
     */
    public Stream<BeirDocument> corpus() throws IOException {
        Lines lines = lines(corpus, CORPUS);
        Iterator<BeirDocument> it = new Iterator<>() {
            private BeirDocument next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = readDocument(lines, false);
                }
                return next != null;
            }

            @Override
            public BeirDocument next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                BeirDocument d = next;
                next = null;
                return d;
            }
        };
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        lines.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /**
     * Reads one split as evaluation items: one item per query with at least one judgment in the split (item ID = query
     * ID, query = its text), gold = {@code Relevance.source(corpusId, score)} for every row. Reads the queries, the
     * split's qrels and, to count judgments of documents that are not in the corpus, the corpus IDs (one streaming
     * pass, which also settles {@link #corpusSize()}).
     *
     * @param split the split, or null for the default (see {@link #split(String)})
     * @throws IllegalArgumentException if the split is absent or a file is malformed
     */
    public BeirSet read(String split) throws IOException {
        String chosen = split(split);
        String qrelsName = QRELS_DIR + chosen + ".tsv";
        Qrels judged = readQrels(qrels.get(chosen), qrelsName);
        Map<String, String> texts = readQueries();

        Set<String> wanted = new HashSet<>();
        judged.byQuery().values().forEach(m -> wanted.addAll(m.keySet()));
        Set<String> found = new HashSet<>();
        corpusSize = scanCorpus(wanted, found);

        List<EvalItem> items = new ArrayList<>();
        TreeSet<String> missing = new TreeSet<>();
        TreeSet<String> blank = new TreeSet<>();
        int withoutPositive = 0;
        long unknownRows = 0;
        TreeSet<String> unknownIds = new TreeSet<>();
        for (var q : judged.byQuery().entrySet()) {
            for (String doc : q.getValue().keySet()) {
                if (!found.contains(doc)) {
                    unknownRows++;
                    unknownIds.add(doc);
                }
            }
            String text = texts.get(q.getKey());
            if (text == null) {
                missing.add(q.getKey());
                continue;
            }
            if (text.isBlank()) {
                blank.add(q.getKey());
                continue;
            }
            List<Relevance> relevant = new ArrayList<>();
            q.getValue().forEach((doc, grade) -> relevant.add(Relevance.source(doc, grade)));
            if (relevant.stream().noneMatch(r -> r.grade() > 0)) {
                withoutPositive++;
            }
            items.add(EvalItem.of(q.getKey(), text, relevant));
        }
        var report = new BeirSet.Report(
                texts.size(),
                judged.rows(),
                judged.byQuery().size(),
                items.size(),
                withoutPositive,
                judged.duplicates(),
                missing.size(),
                first(missing),
                blank.size(),
                first(blank),
                corpusSize,
                unknownRows,
                first(unknownIds));
        return new BeirSet(chosen, items, report);
    }

    private static List<String> first(TreeSet<String> ids) {
        return ids.stream().limit(EXAMPLES).toList();
    }

    /** Per query ID (sorted), per document ID (sorted), the grade. */
    private record Qrels(TreeMap<String, TreeMap<String, Integer>> byQuery, long rows, long duplicates) {}

    private Qrels readQrels(ZipEntry entry, String name) throws IOException {
        TreeMap<String, TreeMap<String, Integer>> byQuery = new TreeMap<>();
        long rows = 0;
        long duplicates = 0;
        boolean first = true;
        try (Lines lines = lines(entry, name).limitTotal(maxInMemoryChars)) {
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
                    throw bad(
                            lines, "expected 3 tab-separated columns (query-id, corpus-id, score), got " + cols.length);
                }
                String query = cols[0].strip();
                String doc = cols[1].strip();
                String score = cols[2].strip();
                if (query.isEmpty() || doc.isEmpty()) {
                    throw bad(lines, "empty " + (query.isEmpty() ? "query-id" : "corpus-id"));
                }
                if (!isInteger(score)) {
                    throw bad(lines, "score '" + abbreviate(score) + "' is not an integer");
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
        return new Qrels(byQuery, rows, duplicates);
    }

    private static boolean isInteger(String s) {
        try {
            Integer.parseInt(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Query ID to text, for all queries; IDs must be unique. */
    private Map<String, String> readQueries() throws IOException {
        Map<String, String> texts = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        try (Lines lines = lines(queries, QUERIES).limitTotal(maxInMemoryChars)) {
            for (String line; (line = lines.next()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] rec;
                try {
                    rec = JsonLines.beirRecord(line, true, "text");
                } catch (JsonLines.BadLine e) {
                    throw bad(lines, e.getMessage());
                }
                String id = rec[0];
                if (id.isBlank()) {
                    throw bad(lines, "blank \"_id\"");
                }
                if (rec[1] == null) {
                    throw bad(lines, "query '" + abbreviate(id) + "' has no \"text\"");
                }
                Integer earlier = lineOf.putIfAbsent(id, lines.lineNumber());
                if (earlier != null) {
                    throw bad(lines, "query ID '" + abbreviate(id) + "' repeats line " + earlier);
                }
                texts.put(id, rec[1]);
            }
        }
        return texts;
    }

    /** Reads every corpus line's ID; adds the IDs in {@code wanted} to {@code found}; returns the document count. */
    private long scanCorpus(Set<String> wanted, Set<String> found) throws IOException {
        long count = 0;
        try (Lines lines = lines(corpus, CORPUS)) {
            for (BeirDocument d; (d = readDocument(lines, true)) != null; ) {
                count++;
                if (wanted.contains(d.id())) {
                    found.add(d.id());
                }
            }
        }
        return count;
    }

    /** The next document, or null at the end; with {@code idOnly} the title and text are checked, not decoded. */
    private BeirDocument readDocument(Lines lines, boolean idOnly) {
        try {
            for (String line; (line = lines.next()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] rec;
                try {
                    rec = JsonLines.beirRecord(line, !idOnly, "title", "text");
                } catch (JsonLines.BadLine e) {
                    throw bad(lines, e.getMessage());
                }
                String id = rec[0];
                if (id.isBlank()) {
                    throw bad(lines, "blank \"_id\"");
                }
                if (id.length() > MAX_DOCUMENT_ID_LENGTH) {
                    throw bad(
                            lines,
                            "\"_id\" is " + id.length() + " characters; a source ID holds at most "
                                    + MAX_DOCUMENT_ID_LENGTH);
                }
                if (id.chars().anyMatch(Character::isISOControl)) {
                    throw bad(lines, "\"_id\" '" + abbreviate(id) + "' contains control characters");
                }
                return idOnly ? new BeirDocument(id, null, null) : new BeirDocument(id, rec[1], rec[2]);
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Lines lines(ZipEntry entry, String name) throws IOException {
        InputStream in = zip.getInputStream(entry);
        return Lines.of(in, path.getFileName() + "!/" + base + name, maxLineChars);
    }

    private IllegalArgumentException bad(Lines lines, String reason) {
        return new IllegalArgumentException(lines.source() + " line " + lines.lineNumber() + ": " + reason);
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
