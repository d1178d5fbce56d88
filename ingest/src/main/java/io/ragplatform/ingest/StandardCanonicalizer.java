package io.ragplatform.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default canonicalizer ({@value #VERSION}).
 *
 * <ul>
 *   <li>Unicode NFKC; typographic quotes to ASCII; soft hyphens, zero-width characters and controls removed.
 *   <li>Hard-wrapped lines joined; a word hyphenated at a line end is re-joined when the next line starts lower-case.
 *   <li>Blank lines split paragraphs; list lines ({@code -}, {@code *}, {@code •}, {@code 1.}, {@code a)}) become list
 *       items without their marker; lines with {@code " | "} become table rows (Markdown separator rows dropped).
 *   <li>Markdown reduced to its structure: headings, emphasis, links, images, code, block quotes.
 *   <li>Paged formats: lines repeated at the top or bottom of most pages (running headers, footers, page numbers)
 *       dropped; a paragraph broken by a page break re-joined.
 * </ul>
 */
final class StandardCanonicalizer implements Canonicalizer {
    static final String VERSION = "canon-1";

    private static final Pattern LIST_MARKER =
            Pattern.compile("^(?:[-*+\u2022\u00b7\u25aa\u25e6\u2023\u25cf\u25cb\u25a0\u25a1\u2013\u2043\u2219]\\s+"
                    + "|\\(?(?:\\d{1,3}|[a-z])[.)]\\s+"
                    + "|\\d{1,3}(?:\\.\\d{1,3})+\\.?\\s+(?=\\p{Lu}))");
    private static final Pattern WS = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern MD_HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern MD_HR = Pattern.compile("^([-*_])(?:\\s*\\1){2,}$");
    private static final Pattern MD_SETEXT = Pattern.compile("^(=+|-+)$");
    private static final Pattern MD_LINK_DEF = Pattern.compile("^\\[[^\\]]+\\]:\\s+\\S+.*$");
    private static final Pattern MD_TABLE_SEPARATOR = Pattern.compile("^:?-{2,}:?$");
    private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern PAGE_NUMBER = Pattern.compile(
            "^(?:page|p\\.|seite|pag\\.|página)?\\s*#+(?:\\s*(?:/|of|de|von)\\s*#+)?$|^[-\u2013]\\s*#+\\s*[-\u2013]$");
    private static final Pattern[][] MD_INLINE = {
        {Pattern.compile("!\\[([^\\]]*)\\]\\([^)]*\\)"), null},
        {Pattern.compile("\\[([^\\]]+)\\]\\([^)]*\\)"), null},
        {Pattern.compile("\\[([^\\]]+)\\]\\[[^\\]]*\\]"), null},
        {Pattern.compile("<((?:https?|mailto):[^>\\s]+)>"), null},
        {Pattern.compile("`([^`]+)`"), null},
        {Pattern.compile("(?<![\\w*])\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*(?![\\w*])"), null},
        {Pattern.compile("(?<![\\w_])__(?=\\S)(.+?)(?<=\\S)__(?![\\w_])"), null},
        {Pattern.compile("(?<![\\w*])\\*(?=\\S)(.+?)(?<=\\S)\\*(?![\\w*])"), null},
        {Pattern.compile("(?<![\\w_])_(?=\\S)(.+?)(?<=\\S)_(?![\\w_])"), null},
        {Pattern.compile("~~(?=\\S)(.+?)(?<=\\S)~~"), null},
    };
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(?:\\s[^>]*)?/?>");
    private static final char ESCAPE_BASE = '\uf700';
    private static final Pattern MD_ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|>~])");

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public CanonicalText canonicalize(ExtractedDocument document) {
        boolean markdown = "text/markdown".equals(document.contentType());
        List<RawBlock> blocks = new ArrayList<>(document.blocks().size());
        for (RawBlock b : document.blocks()) {
            List<String> cells =
                    b.cells().stream().map(StandardCanonicalizer::cleanChars).toList();
            blocks.add(
                    new RawBlock(b.kind(), b.level(), cleanChars(b.text()), cells, b.page(), b.tableId(), b.header()));
        }
        blocks = stripPageChrome(blocks);
        List<Piece> pieces = new ArrayList<>();
        int[] tableSeq = {1_000_000};
        for (RawBlock b : blocks) {
            expand(b, markdown, pieces, tableSeq);
        }
        pieces = joinAcrossPages(pieces);
        return build(pieces);
    }

    /** A canonical block before it is placed in the text. */
    private record Piece(BlockKind kind, String text, int page, int tableId, boolean header) {}

    // ---------------------------------------------------------------- characters

    static String cleanChars(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            switch (c) {
                case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032' -> out.append('\'');
                case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033' -> out.append('"');
                case '\u2010', '\u2011' -> out.append('-');
                case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff' -> {}
                case '\r' -> {
                    if (i + 1 < n.length() && n.charAt(i + 1) == '\n') {
                        continue;
                    }
                    out.append('\n');
                }
                case '\u2028', '\u2029', '\u000b', '\f', '\u0085' -> out.append('\n');
                case '\n' -> out.append('\n');
                default -> {
                    if (c == '\t' || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static String collapse(String s) {
        return WS.matcher(s).replaceAll(" ").strip();
    }

    static String stripListMarker(String s) {
        String t = s;
        Matcher m;
        while ((m = LIST_MARKER.matcher(t)).find() && m.end() < t.length()) {
            t = t.substring(m.end());
        }
        return t;
    }

    static String markdownInline(String s) {
        // escaped characters are literal: park them in the private-use area while markup is removed
        Matcher esc = MD_ESCAPE.matcher(HTML_COMMENT.matcher(s).replaceAll(""));
        StringBuilder parked = new StringBuilder();
        while (esc.find()) {
            esc.appendReplacement(parked, Matcher.quoteReplacement(String.valueOf((char)
                    (ESCAPE_BASE + esc.group(1).charAt(0)))));
        }
        esc.appendTail(parked);
        String t = parked.toString();
        for (Pattern[] p : MD_INLINE) {
            t = p[0].matcher(t).replaceAll("$1");
        }
        t = HTML_TAG.matcher(t).replaceAll("");
        StringBuilder out = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            out.append(c >= ESCAPE_BASE && c < ESCAPE_BASE + 128 ? (char) (c - ESCAPE_BASE) : c);
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- page chrome

    private record LineRef(int block, int line, String key) {}

    private static String chromeKey(String line) {
        return collapse(line.toLowerCase(Locale.ROOT).replaceAll("\\d+", "#"));
    }

    /** Drops running headers, footers and page numbers: lines at a page's edges that repeat across pages. */
    static List<RawBlock> stripPageChrome(List<RawBlock> blocks) {
        Map<Integer, List<LineRef>> perPage = new TreeMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            RawBlock b = blocks.get(i);
            if (b.page() <= 0) {
                continue;
            }
            String[] lines = b.text().split("\n", -1);
            for (int j = 0; j < lines.length; j++) {
                if (!lines[j].isBlank() && lines[j].strip().length() <= 120) {
                    perPage.computeIfAbsent(b.page(), k -> new ArrayList<>())
                            .add(new LineRef(i, j, chromeKey(lines[j])));
                } else if (!lines[j].isBlank()) {
                    // a long line ends the edge zone: keep a marker so that edges are computed on real positions
                    perPage.computeIfAbsent(b.page(), k -> new ArrayList<>()).add(new LineRef(i, j, null));
                }
            }
        }
        if (perPage.size() < 2) {
            return blocks;
        }
        Map<Integer, List<LineRef>> edges = new HashMap<>();
        Map<String, Integer> pagesWithKey = new HashMap<>();
        for (var e : perPage.entrySet()) {
            List<LineRef> lines = e.getValue();
            Set<LineRef> edge = new LinkedHashSet<>();
            for (int k = 0; k < Math.min(2, lines.size()); k++) {
                edge.add(lines.get(k));
            }
            for (int k = Math.max(0, lines.size() - 2); k < lines.size(); k++) {
                edge.add(lines.get(k));
            }
            edge.removeIf(r -> r.key() == null);
            edges.put(e.getKey(), new ArrayList<>(edge));
            Set<String> keys = new HashSet<>();
            edge.forEach(r -> keys.add(r.key()));
            keys.forEach(k -> pagesWithKey.merge(k, 1, Integer::sum));
        }
        int threshold = Math.max(2, (perPage.size() + 1) / 2);
        Map<Integer, Set<Integer>> drop = new HashMap<>();
        for (List<LineRef> edge : edges.values()) {
            for (LineRef r : edge) {
                if (pagesWithKey.get(r.key()) >= threshold
                        || PAGE_NUMBER.matcher(r.key()).matches()) {
                    drop.computeIfAbsent(r.block(), k -> new HashSet<>()).add(r.line());
                }
            }
        }
        if (drop.isEmpty()) {
            return blocks;
        }
        List<RawBlock> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            RawBlock b = blocks.get(i);
            Set<Integer> lines = drop.get(i);
            if (lines == null) {
                out.add(b);
                continue;
            }
            String[] split = b.text().split("\n", -1);
            StringBuilder kept = new StringBuilder();
            for (int j = 0; j < split.length; j++) {
                if (!lines.contains(j)) {
                    kept.append(split[j]).append('\n');
                }
            }
            if (!kept.toString().isBlank()) {
                out.add(new RawBlock(
                        b.kind(), b.level(), kept.toString(), b.cells(), b.page(), b.tableId(), b.header()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- blocks

    private static void expand(RawBlock b, boolean markdown, List<Piece> out, int[] tableSeq) {
        switch (b.kind()) {
            case PREFORMATTED -> {
                String pre = b.text()
                        .lines()
                        .map(String::stripTrailing)
                        .reduce((x, y) -> x + "\n" + y)
                        .orElse("");
                pre = pre.replaceAll("^\\n+", "").stripTrailing();
                if (!pre.isBlank()) {
                    out.add(new Piece(BlockKind.PREFORMATTED, pre, b.page(), 0, false));
                }
            }
            case TABLE_ROW -> {
                List<String> cells = new ArrayList<>();
                for (String c : b.cells().isEmpty() ? List.of(b.text()) : b.cells()) {
                    cells.add(cell(markdown ? markdownInline(c) : c));
                }
                String row = String.join(" | ", cells).strip();
                if (!row.replace("|", "").replace("-", "").isBlank()) {
                    out.add(new Piece(BlockKind.TABLE_ROW, row, b.page(), b.tableId(), b.header()));
                }
            }
            // numbering ("2.", "3.1") is dropped from headings as from list lines: auto-numbering is in the text of
            // some formats and not of others
            case HEADING ->
                add(
                        out,
                        BlockKind.HEADING,
                        stripListMarker(collapse(markdown ? markdownInline(b.text()) : b.text())),
                        b.page());
            case LIST_ITEM ->
                add(
                        out,
                        BlockKind.LIST_ITEM,
                        stripListMarker(collapse(markdown ? markdownInline(b.text()) : b.text())),
                        b.page());
            case PARAGRAPH -> splitParagraphs(b, markdown, out, tableSeq);
        }
    }

    private static void add(List<Piece> out, BlockKind kind, String text, int page) {
        if (!text.isBlank()) {
            out.add(new Piece(kind, text, page, 0, false));
        }
    }

    /** Splits a paragraph block whose characters still carry structure (plain text, Markdown, PDF lines). */
    private static void splitParagraphs(RawBlock b, boolean markdown, List<Piece> out, int[] tableSeq) {
        String[] lines = b.text().split("\n", -1);
        int page = b.page();
        StringBuilder current = new StringBuilder();
        BlockKind currentKind = null;
        int currentLines = 0;
        StringBuilder fence = null;
        int tableId = 0;
        int tableRows = 0;
        for (int li = 0; li < lines.length; li++) {
            String line = lines[li];
            String s = line.strip();
            if (markdown && (s.startsWith("```") || s.startsWith("~~~"))) {
                emit(out, currentKind, current, markdown, page);
                currentKind = null;
                tableId = 0;
                if (fence == null) {
                    fence = new StringBuilder();
                } else {
                    String pre = fence.toString().stripTrailing();
                    if (!pre.isBlank()) {
                        out.add(new Piece(BlockKind.PREFORMATTED, pre, page, 0, false));
                    }
                    fence = null;
                }
                continue;
            }
            if (fence != null) {
                fence.append(line.stripTrailing()).append('\n');
                continue;
            }
            if (s.isEmpty()) {
                emit(out, currentKind, current, markdown, page);
                currentKind = null;
                tableId = 0;
                continue;
            }
            if (markdown) {
                if (MD_SETEXT.matcher(s).matches() && currentKind == BlockKind.PARAGRAPH && currentLines == 1) {
                    currentKind = BlockKind.HEADING;
                    emit(out, currentKind, current, markdown, page);
                    currentKind = null;
                    continue;
                }
                if (MD_HR.matcher(s).matches()
                        || MD_LINK_DEF.matcher(s).matches()
                        || (s.startsWith("<!--") && s.endsWith("-->"))) {
                    emit(out, currentKind, current, markdown, page);
                    currentKind = null;
                    continue;
                }
                Matcher h = MD_HEADING.matcher(s);
                if (h.matches()) {
                    emit(out, currentKind, current, markdown, page);
                    currentKind = null;
                    current.append(h.group(2));
                    emit(out, BlockKind.HEADING, current, markdown, page);
                    continue;
                }
                while (s.startsWith(">")) {
                    s = s.substring(1).strip();
                }
                if (s.isEmpty()) {
                    continue;
                }
            }
            if (isTableLine(s, markdown)) {
                if (currentKind != null) {
                    emit(out, currentKind, current, markdown, page);
                    currentKind = null;
                }
                List<String> cells = tableCells(s);
                if (cells.stream().allMatch(c -> MD_TABLE_SEPARATOR.matcher(c).matches())) {
                    continue;
                }
                if (tableId == 0) {
                    tableId = ++tableSeq[0];
                    tableRows = 0;
                }
                List<String> clean = cells.stream()
                        .map(c -> cell(markdown ? markdownInline(c) : c))
                        .toList();
                out.add(new Piece(BlockKind.TABLE_ROW, String.join(" | ", clean), page, tableId, tableRows == 0));
                tableRows++;
                continue;
            }
            tableId = 0;
            Matcher marker = LIST_MARKER.matcher(s);
            if (marker.find() && marker.end() < s.length()) {
                emit(out, currentKind, current, markdown, page);
                currentKind = BlockKind.LIST_ITEM;
                current.append(stripListMarker(s));
                currentLines = 1;
                continue;
            }
            if (currentKind == null) {
                if (markdown || !standsAlone(s, li + 1 < lines.length ? lines[li + 1].strip() : "")) {
                    currentKind = BlockKind.PARAGRAPH;
                    current.append(s);
                    currentLines = 1;
                } else {
                    // a heading line directly above its paragraph (PDF text, plain text without a blank line)
                    current.append(s);
                    emit(out, BlockKind.PARAGRAPH, current, false, page);
                }
            } else {
                unwrap(current, s);
                currentLines++;
            }
        }
        if (fence != null && !fence.toString().isBlank()) {
            out.add(new Piece(BlockKind.PREFORMATTED, fence.toString().stripTrailing(), page, 0, false));
        }
        emit(out, currentKind, current, markdown, page);
    }

    /**
     * Whether the first line of a paragraph is a heading of its own: it reads like a heading (short, no closing
     * punctuation, capitalised) and is clearly shorter than the wrapped line below it.
     */
    private static boolean standsAlone(String line, String next) {
        if (next.isEmpty()
                || LIST_MARKER.matcher(next).find()
                || line.length() > 100
                || line.length() * 10 > next.length() * 7) {
            return false;
        }
        // a heading is followed by the start of a sentence, and is not a word cut at the line end
        int nextFirst = next.codePointAt(0);
        if (!Character.isLetterOrDigit(nextFirst) || Character.isLowerCase(nextFirst) || line.endsWith("-")) {
            return false;
        }
        if (".,;:!".indexOf(line.charAt(line.length() - 1)) >= 0 || line.split(" ").length > 12) {
            return false;
        }
        int first = line.codePointAt(0);
        return Character.isLetterOrDigit(first) && !Character.isLowerCase(first);
    }

    /** A table cell's canonical text; an empty cell is written "-" so that the row still reads as a row. */
    private static String cell(String raw) {
        String c = collapse(raw);
        return c.isEmpty() ? "-" : c;
    }

    private static boolean isTableLine(String s, boolean markdown) {
        if (s.contains(" | ")) {
            return true;
        }
        return markdown && s.startsWith("|") && s.length() > 1 && s.indexOf('|', 1) > 0;
    }

    private static List<String> tableCells(String s) {
        String t = s;
        if (t.startsWith("|")) {
            t = t.substring(1);
        }
        if (t.endsWith("|") && !t.endsWith("\\|")) {
            t = t.substring(0, t.length() - 1);
        }
        List<String> cells = new ArrayList<>();
        for (String c : t.split("(?<!\\\\)\\|", -1)) {
            cells.add(c.strip());
        }
        return cells;
    }

    /** Joins a wrapped line to the text before it, re-joining a word hyphenated across the break. */
    static void unwrap(StringBuilder current, String next) {
        int n = current.length();
        if (n >= 2
                && current.charAt(n - 1) == '-'
                && Character.isLetter(current.charAt(n - 2))
                && !next.isEmpty()
                && Character.isLowerCase(next.charAt(0))) {
            current.setLength(n - 1);
            current.append(next);
        } else {
            current.append(' ').append(next);
        }
    }

    private static void emit(List<Piece> out, BlockKind kind, StringBuilder text, boolean markdown, int page) {
        if (kind != null && !text.isEmpty()) {
            String t = collapse(markdown ? markdownInline(text.toString()) : text.toString());
            if (kind == BlockKind.LIST_ITEM) {
                t = stripListMarker(t);
            }
            add(out, kind, t, page);
        }
        text.setLength(0);
    }

    /**
     * Re-joins a paragraph of a paged format that a page break, or the PDF layout analysis, cut in two: the first
     * part does not end a sentence and either the second starts lower-case or the first cannot be a heading.
     */
    private static List<Piece> joinAcrossPages(List<Piece> pieces) {
        List<Piece> out = new ArrayList<>(pieces.size());
        for (Piece p : pieces) {
            if (!out.isEmpty()) {
                Piece prev = out.get(out.size() - 1);
                boolean cutMidSentence = prev.kind() == BlockKind.PARAGRAPH
                        && p.kind() == BlockKind.PARAGRAPH
                        && prev.page() > 0
                        && (p.page() == prev.page() || p.page() == prev.page() + 1)
                        && !endsSentence(prev.text())
                        && (Character.isLowerCase(p.text().codePointAt(0))
                                || (!mayBeHeading(prev.text()) && !mayBeHeading(p.text())));
                if (cutMidSentence) {
                    StringBuilder joined = new StringBuilder(prev.text());
                    unwrap(joined, p.text());
                    out.set(out.size() - 1, new Piece(BlockKind.PARAGRAPH, joined.toString(), prev.page(), 0, false));
                    continue;
                }
            }
            out.add(p);
        }
        return out;
    }

    /** Short, capitalised, without clause punctuation: could be a heading rather than a cut sentence. */
    private static boolean mayBeHeading(String t) {
        if (t.length() > 100
                || t.split(" ").length > 12
                || t.indexOf(',') >= 0
                || t.indexOf(';') >= 0
                || t.indexOf(':') >= 0) {
            return false;
        }
        int first = t.codePointAt(0);
        return Character.isLetterOrDigit(first) && !Character.isLowerCase(first);
    }

    private static boolean endsSentence(String t) {
        char c = t.charAt(t.length() - 1);
        return ".!?:;\"')]".indexOf(c) >= 0;
    }

    private static CanonicalText build(List<Piece> pieces) {
        StringBuilder text = new StringBuilder();
        List<CanonicalBlock> blocks = new ArrayList<>(pieces.size());
        Piece prev = null;
        for (Piece p : pieces) {
            if (prev != null) {
                boolean sameTable = p.kind() == BlockKind.TABLE_ROW
                        && prev.kind() == BlockKind.TABLE_ROW
                        && p.tableId() == prev.tableId();
                text.append(sameTable ? "\n" : "\n\n");
            }
            int start = text.length();
            text.append(p.text());
            blocks.add(new CanonicalBlock(p.kind(), start, text.length(), p.page(), p.tableId(), p.header()));
            prev = p;
        }
        return new CanonicalText(text.toString(), blocks);
    }
}
