package io.ragplatform.eval.sets;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Where a BEIR zip keeps its files: {@code corpus.jsonl}, {@code queries.jsonl} and {@code qrels/<split>.tsv}, at the
 * root or inside one top-level folder; {@code __MACOSX/}, dot-files and entry names that would leave the archive are
 * ignored. Finding them validates the archive's shape; reading them is {@link BeirArchive}'s.
 *
 * @param zip the open zip (closed by the archive)
 * @param base the folder holding the files, ending in {@code /}, or empty for the root
 * @param qrels the qrels file of each split, by split name (sorted)
 */
record BeirLayout(Path path, ZipFile zip, String base, ZipEntry corpus, ZipEntry queries, Map<String, ZipEntry> qrels) {
    /** The split chosen when none is requested and the archive has it. */
    static final String DEFAULT_SPLIT = "test";

    static final String CORPUS = "corpus.jsonl";
    static final String QUERIES = "queries.jsonl";
    static final String QRELS_DIR = "qrels/";
    /** Most entries named in an error message. */
    private static final int LISTED_ENTRIES = 10;

    /**
     * Opens a zip and locates the dataset's files.
     *
     * @throws RagException {@code invalid_archive} if the file is not a zip, holds several datasets, or lacks {@code
     *     corpus.jsonl}, {@code queries.jsonl} or any {@code qrels/<split>.tsv} (the message lists the first entries
     *     it does hold)
     * @throws IOException if the file cannot be read
     */
    static BeirLayout open(Path path) throws IOException {
        Objects.requireNonNull(path, "zip");
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new RagException(
                    BeirArchive.ERROR,
                    ErrorCategory.INVALID_INPUT,
                    "'" + path + "' is not a readable zip archive: " + e.getMessage(),
                    e);
        }
        try {
            return locate(path, zip);
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static BeirLayout locate(Path path, ZipFile zip) {
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
            throw bad("BEIR archive '" + path + "' holds several datasets (" + String.join(", ", bases)
                    + "); expected its files at the root or inside one top-level folder");
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
            throw bad("BEIR archive '" + path + "' has no " + String.join(", no ", missing)
                    + (base.isEmpty() ? " at its root or in one top-level folder" : " in folder '" + base + "'")
                    + "; it holds " + describeEntries(allNames));
        }
        return new BeirLayout(path, zip, base, corpus, queries, Collections.unmodifiableMap(qrels));
    }

    /**
     * The split to read: {@code requested} when given, otherwise {@value #DEFAULT_SPLIT} when present, otherwise the
     * only split present.
     *
     * @throws RagException {@code invalid_archive} if the requested split is absent, or none is requested and the
     *     archive has several splits but no {@value #DEFAULT_SPLIT} (the message names the splits present)
     */
    String split(String requested) {
        if (requested != null) {
            if (!qrels.containsKey(requested)) {
                throw bad("BEIR archive '" + path + "' has no split '" + requested + "'; splits present: "
                        + String.join(", ", qrels.keySet()));
            }
            return requested;
        }
        if (qrels.containsKey(DEFAULT_SPLIT)) {
            return DEFAULT_SPLIT;
        }
        if (qrels.size() == 1) {
            return qrels.keySet().iterator().next();
        }
        throw bad("BEIR archive '" + path + "' has no '" + DEFAULT_SPLIT + "' split and several others ("
                + String.join(", ", qrels.keySet()) + "); name the split to read");
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

    private static RagException bad(String message) {
        return RagException.invalid(BeirArchive.ERROR, message);
    }
}
