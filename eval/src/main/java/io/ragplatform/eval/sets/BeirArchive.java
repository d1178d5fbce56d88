package io.ragplatform.eval.sets;

import io.ragplatform.error.RagException;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.Relevance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;

/**
 * A BEIR dataset zip, read in place (nothing is extracted to disk): {@code corpus.jsonl} ({@code {"_id", "title",
 * "text", "metadata"?}} per line), {@code queries.jsonl} ({@code {"_id", "text", "metadata"?}}) and
 * {@code qrels/<split>.tsv} ({@code query-id\tcorpus-id\tscore}, after a header line), at the zip's root or inside
 * one top-level folder ({@code scifact/corpus.jsonl}). {@code __MACOSX/} and dot-files are ignored, as are entry names
 * that try to leave the archive ({@code ..}, absolute paths).
 *
 * <p>The corpus is streamed, never held in memory; the queries and one split's qrels are (up to 512 Mi characters
 * each, a guard against zip bombs). Files are read as UTF-8 (a byte-order mark at the start is skipped), blank lines
 * are skipped, and a line longer than 10 Mi characters is an error. Malformed input is a {@link RagException} with code
 * {@value #ERROR} naming the file and the line: malformed JSON, a missing {@code _id}, a repeated query ID, a qrels row
 * without exactly three tab-separated columns or with a non-integer score. The archive's layout is found by
 * {@link BeirLayout}, the qrels read by {@link BeirQrels}.
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
    public static final String DEFAULT_SPLIT = BeirLayout.DEFAULT_SPLIT;
    /** The error code of an archive that is not a readable BEIR dataset. */
    public static final String ERROR = "invalid_archive";

    static final String CORPUS = BeirLayout.CORPUS;
    static final String QUERIES = BeirLayout.QUERIES;
    static final String QRELS_DIR = BeirLayout.QRELS_DIR;
    /** Most IDs kept as examples in a report. */
    static final int EXAMPLES = 10;
    /** Largest {@code queries.jsonl} or qrels file read into memory: 512 Mi characters. */
    static final long MAX_IN_MEMORY_CHARS = 512L * 1024 * 1024;
    /** Longest accepted document ID: the ingest module's limit on a {@code sourceId}. */
    static final int MAX_DOCUMENT_ID_LENGTH = 1024;

    private final BeirLayout layout;
    private final int maxLineChars;
    private final long maxInMemoryChars;
    private long corpusSize = -1;

    private BeirArchive(BeirLayout layout, int maxLineChars, long maxInMemoryChars) {
        this.layout = layout;
        this.maxLineChars = maxLineChars;
        this.maxInMemoryChars = maxInMemoryChars;
    }

    /**
     * Opens a BEIR zip and locates its files.
     *
     * @throws RagException {@code invalid_archive} if the file is not a zip, holds several datasets, or lacks {@code
     *     corpus.jsonl}, {@code queries.jsonl} or any {@code qrels/<split>.tsv} (the message lists the first entries
     *     it does hold)
     * @throws IOException if the file cannot be read
     */
    public static BeirArchive open(Path zip) throws IOException {
        return open(zip, Lines.DEFAULT_MAX_LINE_CHARS, MAX_IN_MEMORY_CHARS);
    }

    static BeirArchive open(Path path, int maxLineChars, long maxInMemoryChars) throws IOException {
        return new BeirArchive(BeirLayout.open(path), maxLineChars, maxInMemoryChars);
    }

    /** The zip file. */
    public Path path() {
        return layout.path();
    }

    /** The folder holding the dataset's files, ending in {@code /}, or empty when they are at the root. */
    public String folder() {
        return layout.base();
    }

    /** The splits present ({@code qrels/<split>.tsv}), sorted. */
    public List<String> splits() {
        return List.copyOf(layout.qrels().keySet());
    }

    /**
     * The split to read: {@code requested} when given, otherwise {@value #DEFAULT_SPLIT} when present, otherwise the
     * only split present.
     *
     * @param requested a split name, or null to choose the default
     * @throws RagException {@code invalid_archive} if the requested split is absent, or none is requested and the
     *     archive has several splits but no {@value #DEFAULT_SPLIT} (the message names the splits present)
     */
    public String split(String requested) {
        return layout.split(requested);
    }

    /**
     * The number of documents in the corpus. The first call reads the whole corpus once (validating every line, so a
     * malformed corpus fails here, before any document is ingested); later calls, and calls after {@link #read}, are
     * free.
     *
     * @throws RagException {@code invalid_archive} if a corpus line is malformed
     */
    public long corpusSize() throws IOException {
        if (corpusSize < 0) {
            corpusSize = scanCorpus(Set.of(), new HashSet<>());
        }
        return corpusSize;
    }

    /**
     * The corpus documents in file order, streamed from the zip. The stream holds the zip entry open: close it (use
     * try-with-resources). Malformed lines surface as a {@link RagException} from the stream's terminal
     * operation, read errors as an {@link UncheckedIOException}.
     */
    public Stream<BeirDocument> corpus() throws IOException {
        Lines lines = lines(layout.corpus(), CORPUS);
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
     * @throws RagException {@code invalid_archive} if the split is absent or a file is malformed
     */
    public BeirSet read(String split) throws IOException {
        String chosen = split(split);
        String qrelsName = QRELS_DIR + chosen + ".tsv";
        BeirQrels judged =
                BeirQrels.read(lines(layout.qrels().get(chosen), qrelsName).limitTotal(maxInMemoryChars));
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

    /** Query ID to text, for all queries; IDs must be unique. */
    private Map<String, String> readQueries() throws IOException {
        Map<String, String> texts = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        try (Lines lines = lines(layout.queries(), QUERIES).limitTotal(maxInMemoryChars)) {
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
        try (Lines lines = lines(layout.corpus(), CORPUS)) {
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
        InputStream in = layout.zip().getInputStream(entry);
        return Lines.of(in, layout.path().getFileName() + "!/" + layout.base() + name, maxLineChars)
                .code(ERROR);
    }

    /** A malformed line: {@code invalid_archive} naming the file and the line. */
    static RagException bad(Lines lines, String reason) {
        return RagException.invalid(ERROR, lines.source() + " line " + lines.lineNumber() + ": " + reason);
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public void close() throws IOException {
        layout.zip().close();
    }
}
