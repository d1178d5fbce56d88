package io.ragplatform.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default canonicalizer ({@value #VERSION}).
 *
 * <ul>
 *   <li>Unicode NFKC, except that the full-width punctuation of Chinese and Japanese ({@code ！（），．：；？［］｛｝～})
 *       stays full-width; typographic quotes to ASCII, unless they touch a Han, Kana or CJK punctuation character;
 *       soft hyphens, zero-width characters and controls removed.
 *   <li>Hard-wrapped lines joined; a word hyphenated at a line end is re-joined when the next line starts lower-case.
 *       Between two Han, Kana or CJK punctuation characters a line break or a run of white space is removed, not
 *       made a space (Hangul keeps its spaces).
 *   <li>Blank lines split paragraphs; list lines ({@code -}, {@code *}, {@code •}, {@code 1.}, {@code a)}) become list
 *       items without their marker; lines with {@code " | "} become table rows (Markdown separator rows dropped).
 *   <li>Markdown reduced to its structure: headings, emphasis, links, images, code, block quotes.
 *   <li>Paged formats: lines repeated at the top or bottom of most pages (running headers, footers, page numbers)
 *       dropped; a paragraph broken by a page break re-joined.
 * </ul>
 *
 * <p>Characters, block splitting and assembly are here; Markdown in {@link MarkdownReduction}, page chrome in
 * {@link PageChrome}, line and page-break joins in {@link Unwrapping}.
 */
final class StandardCanonicalizer implements Canonicalizer {
    static final String VERSION = "canon-2";

    /**
     * Mixed into content hashes and chunk IDs in place of {@link #VERSION}: canon-2 changed only CJK text, so text it
     * leaves as canon-1 had it keeps its hashes, chunk IDs and stored vectors.
     */
    static final String HASH_VERSION = "canon-1";

    static final Pattern LIST_MARKER =
            Pattern.compile("^(?:[-*+\u2022\u00b7\u25aa\u25e6\u2023\u25cf\u25cb\u25a0\u25a1\u2013\u2043\u2219]\\s+"
                    + "|\\(?(?:\\d{1,3}|[a-z])[.)]\\s+"
                    + "|\\d{1,3}(?:\\.\\d{1,3})+\\.?\\s+(?=\\p{Lu}))");
    private static final Pattern WS = Pattern.compile("[\\s\\p{Z}]+");

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public String hashVersion() {
        return HASH_VERSION;
    }

    @Override
    public CanonicalText canonicalize(ExtractedDocument document) {
        boolean markdown = "text/markdown".equals(document.contentType());
        List<RawBlock> blocks = PageChrome.strip(cleanBlocks(document.blocks()));
        List<Piece> pieces = new ArrayList<>();
        int[] tableSeq = {1_000_000};
        for (RawBlock b : blocks) {
            expand(b, markdown, pieces, tableSeq);
        }
        pieces = Unwrapping.joinAcrossPages(pieces);
        return build(pieces);
    }

    /** A canonical block before it is placed in the text. */
    record Piece(BlockKind kind, String text, int page, int tableId, boolean header) {}

    // ---------------------------------------------------------------- characters

    /** The blocks with {@link #cleanChars} applied to their text and cells: what page chrome is looked for in. */
    static List<RawBlock> cleanBlocks(List<RawBlock> raw) {
        List<RawBlock> blocks = new ArrayList<>(raw.size());
        for (RawBlock b : raw) {
            List<String> cells =
                    b.cells().stream().map(StandardCanonicalizer::cleanChars).toList();
            blocks.add(
                    new RawBlock(b.kind(), b.level(), cleanChars(b.text()), cells, b.page(), b.tableId(), b.header()));
        }
        return blocks;
    }

    static String cleanChars(String s) {
        String n = nfkc(s);
        StringBuilder out = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            switch (c) {
                // Chinese and Japanese quote with these: kept there, folded to ASCII elsewhere
                case '\u2018', '\u2019' -> out.append(CjkText.keepsQuote(n, i) ? c : '\'');
                case '\u201c', '\u201d' -> out.append(CjkText.keepsQuote(n, i) ? c : '"');
                case '\u201a', '\u201b', '\u2032' -> out.append('\'');
                case '\u201e', '\u201f', '\u2033' -> out.append('"');
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

    /** NFKC, except for the full-width punctuation that CJK text writes full-width ({@link CjkText#keptFullWidth}). */
    private static String nfkc(String s) {
        StringBuilder out = null;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            if (CjkText.keptFullWidth(s.charAt(i))) {
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                // the kept marks are starters that compose with nothing: normalizing around them is NFKC of the rest
                out.append(Normalizer.normalize(s.substring(from, i), Normalizer.Form.NFKC));
                out.append(s.charAt(i));
                from = i + 1;
            }
        }
        String rest = Normalizer.normalize(s.substring(from), Normalizer.Form.NFKC);
        return out == null ? rest : out.append(rest).toString();
    }

    /** Each run of white space to one space, or to nothing between two wide (Han, Kana, CJK punctuation) characters. */
    static String collapse(String s) {
        return CjkText.collapse(s, WS).strip();
    }

    static String stripListMarker(String s) {
        String t = s;
        Matcher m;
        while ((m = LIST_MARKER.matcher(t)).find() && m.end() < t.length()) {
            t = t.substring(m.end());
        }
        return t;
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
                    cells.add(cell(markdown ? MarkdownReduction.inline(c) : c));
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
                        stripListMarker(collapse(markdown ? MarkdownReduction.inline(b.text()) : b.text())),
                        b.page());
            case LIST_ITEM ->
                add(
                        out,
                        BlockKind.LIST_ITEM,
                        stripListMarker(collapse(markdown ? MarkdownReduction.inline(b.text()) : b.text())),
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
                if (MarkdownReduction.SETEXT.matcher(s).matches()
                        && currentKind == BlockKind.PARAGRAPH
                        && currentLines == 1) {
                    currentKind = BlockKind.HEADING;
                    emit(out, currentKind, current, markdown, page);
                    currentKind = null;
                    continue;
                }
                if (MarkdownReduction.HR.matcher(s).matches()
                        || MarkdownReduction.LINK_DEF.matcher(s).matches()
                        || (s.startsWith("<!--") && s.endsWith("-->"))) {
                    emit(out, currentKind, current, markdown, page);
                    currentKind = null;
                    continue;
                }
                Matcher h = MarkdownReduction.HEADING.matcher(s);
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
                if (cells.stream()
                        .allMatch(c ->
                                MarkdownReduction.TABLE_SEPARATOR.matcher(c).matches())) {
                    continue;
                }
                if (tableId == 0) {
                    tableId = ++tableSeq[0];
                    tableRows = 0;
                }
                List<String> clean = cells.stream()
                        .map(c -> cell(markdown ? MarkdownReduction.inline(c) : c))
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
                if (markdown || !Unwrapping.standsAlone(s, li + 1 < lines.length ? lines[li + 1].strip() : "")) {
                    currentKind = BlockKind.PARAGRAPH;
                    current.append(s);
                    currentLines = 1;
                } else {
                    // a heading line directly above its paragraph (PDF text, plain text without a blank line)
                    current.append(s);
                    emit(out, BlockKind.PARAGRAPH, current, false, page);
                }
            } else {
                Unwrapping.unwrap(current, s);
                currentLines++;
            }
        }
        if (fence != null && !fence.toString().isBlank()) {
            out.add(new Piece(BlockKind.PREFORMATTED, fence.toString().stripTrailing(), page, 0, false));
        }
        emit(out, currentKind, current, markdown, page);
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

    private static void emit(List<Piece> out, BlockKind kind, StringBuilder text, boolean markdown, int page) {
        if (kind != null && !text.isEmpty()) {
            String t = collapse(markdown ? MarkdownReduction.inline(text.toString()) : text.toString());
            if (kind == BlockKind.LIST_ITEM) {
                t = stripListMarker(t);
            }
            add(out, kind, t, page);
        }
        text.setLength(0);
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
