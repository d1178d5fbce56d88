package io.ragplatform.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML events for one document into {@link RawBlock}s: headings, paragraphs, list items, table rows,
 * pre-formatted text, each with its page. Page chrome and boilerplate (head, scripts, navigation, site headers and
 * footers, Office page headers and footers) is dropped here, where the structure still says what it is.
 */
final class BlockCollector extends DefaultHandler {
    private static final Set<String> SKIPPED = Set.of(
            "head",
            "title",
            "script",
            "style",
            "nav",
            "aside",
            "noscript",
            "form",
            "button",
            "select",
            "option",
            "svg",
            "template",
            "iframe",
            "menu");
    private static final Set<String> SKIPPED_ROLES =
            Set.of("navigation", "banner", "contentinfo", "search", "complementary");
    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "blockquote",
            "section",
            "article",
            "main",
            "dt",
            "dd",
            "address",
            "figcaption",
            "caption",
            "ul",
            "ol",
            "dl",
            "li",
            "pre",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "footer",
            "body",
            "hr");

    private final CharBudget budget;
    private final List<RawBlock> blocks = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final Deque<BlockKind> kinds = new ArrayDeque<>();
    private final Deque<Integer> levels = new ArrayDeque<>();
    private int skipDepth;
    private int mainDepth;
    private int page;
    /** The pages (0: a document without pages) some of whose text Tesseract read ({@code <div class="ocr">}). */
    private final java.util.SortedSet<Integer> ocrPages = new java.util.TreeSet<>();

    private int tableSeq;
    private final Deque<Integer> tables = new ArrayDeque<>();
    private int rowIndex;
    private List<String> rowCells;
    private StringBuilder cell;
    private int nestedTableDepth;

    BlockCollector(CharBudget budget) {
        this.budget = budget;
    }

    List<RawBlock> blocks() {
        return blocks;
    }

    /**
     * Records on the document's metadata, under {@link #OCR_PAGES}, which of its pages Tesseract read: page numbers
     * separated by commas, {@code 0} for a document without pages (an image). Nothing when no text came from OCR.
     */
    void recordOcr(org.apache.tika.metadata.Metadata metadata) {
        metadata.remove(OCR_PAGES);
        if (!ocrPages.isEmpty()) {
            metadata.set(
                    OCR_PAGES,
                    String.join(",", ocrPages.stream().map(String::valueOf).toList()));
        }
    }

    /** The metadata key of {@link #recordOcr}; it travels back from a forked parser with the metadata. */
    static final String OCR_PAGES = "X-RAG:ocr-pages";

    /** What a start tag opened, so that its end tag undoes exactly that. */
    private enum Frame {
        NONE,
        PAGE,
        BLOCK,
        TABLE,
        ROW,
        CELL,
        NESTED_TABLE,
        MAIN
    }

    private final Deque<Frame> frames = new ArrayDeque<>();

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        String name = (localName == null || localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
        if (skipDepth > 0) {
            skipDepth++;
            return;
        }
        if (shouldSkip(name, atts)) {
            flush();
            skipDepth = 1;
            return;
        }
        frames.push(open(name, atts));
    }

    private Frame open(String name, Attributes atts) {
        String cls = attr(atts, "class");
        if (name.equals("div") && ("page".equals(cls) || "slide-content".equals(cls))) {
            flush();
            page++;
            return Frame.PAGE;
        }
        if (name.equals("div") && "ocr".equals(cls)) {
            ocrPages.add(page);
        }
        if (cell != null || nestedTableDepth > 0) {
            // inside a table cell, structure collapses into the cell's text
            if (name.equals("table")) {
                nestedTableDepth++;
                return Frame.NESTED_TABLE;
            }
            if (BLOCKS.contains(name) || name.equals("br")) {
                appendCellSpace();
            }
            return Frame.NONE;
        }
        switch (name) {
            case "table":
                flush();
                tables.push(++tableSeq);
                rowIndex = 0;
                return Frame.TABLE;
            case "tr":
                flush();
                rowCells = new ArrayList<>();
                return Frame.ROW;
            case "td", "th":
                flush();
                if (rowCells == null) {
                    rowCells = new ArrayList<>();
                }
                cell = new StringBuilder();
                return Frame.CELL;
            case "br":
                text.append('\n');
                return Frame.NONE;
            case "main", "article":
                flush();
                mainDepth++;
                return Frame.MAIN;
            default:
                if (!BLOCKS.contains(name)) {
                    return Frame.NONE;
                }
                flush();
                BlockKind parent = kinds.isEmpty() ? BlockKind.PARAGRAPH : kinds.peek();
                int parentLevel = levels.isEmpty() ? 0 : levels.peek();
                BlockKind kind = switch (name) {
                    case "h1", "h2", "h3", "h4", "h5", "h6" -> BlockKind.HEADING;
                    case "li" -> BlockKind.LIST_ITEM;
                    case "pre" -> BlockKind.PREFORMATTED;
                    default -> parent;
                };
                kinds.push(kind);
                levels.push(kind == BlockKind.HEADING && name.length() == 2 ? name.charAt(1) - '0' : parentLevel);
                return Frame.BLOCK;
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        if (skipDepth > 0) {
            skipDepth--;
            return;
        }
        Frame frame = frames.isEmpty() ? Frame.NONE : frames.pop();
        switch (frame) {
            case PAGE -> flush();
            case MAIN -> {
                flush();
                mainDepth = Math.max(0, mainDepth - 1);
            }
            case BLOCK -> {
                flush();
                kinds.pop();
                levels.pop();
            }
            case TABLE -> {
                emitRow();
                tables.pop();
            }
            case ROW -> emitRow();
            case CELL -> {
                if (rowCells != null) {
                    rowCells.add(cell.toString());
                }
                cell = null;
            }
            case NESTED_TABLE -> {
                nestedTableDepth--;
                appendCellSpace();
            }
            case NONE -> {
                String name = (localName == null || localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
                if (BLOCKS.contains(name)) {
                    appendCellSpace();
                }
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (skipDepth > 0 || length == 0) {
            return;
        }
        budget.consume(length);
        if (cell != null) {
            cell.append(ch, start, length);
        } else {
            text.append(ch, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        // Tika marks line ends as ignorable white space (PDF lines in particular); between blocks it is dropped at
        // flush
        characters(ch, start, length);
    }

    @Override
    public void endDocument() {
        emitRow();
        flush();
    }

    private boolean shouldSkip(String name, Attributes atts) {
        if (SKIPPED.contains(name)) {
            return true;
        }
        String role = attr(atts, "role");
        if (role != null && SKIPPED_ROLES.contains(role.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if ("true".equalsIgnoreCase(attr(atts, "aria-hidden")) || attr(atts, "hidden") != null) {
            return true;
        }
        // a site header/footer is page chrome; inside <main>/<article> a <header> holds the article's own title
        if ((name.equals("header") || name.equals("footer")) && mainDepth == 0) {
            return true;
        }
        // Office page headers and footers come as <p class="header|footer"> (the paragraph style) and repeat on
        // every page; a site's <div class="header"> is chrome too
        String cls = attr(atts, "class");
        return (name.equals("p") || name.equals("div"))
                && mainDepth == 0
                && ("header".equalsIgnoreCase(cls) || "footer".equalsIgnoreCase(cls));
    }

    private static String attr(Attributes atts, String name) {
        if (atts == null) {
            return null;
        }
        String v = atts.getValue(name);
        if (v == null) {
            v = atts.getValue("", name);
        }
        return v;
    }

    private void appendCellSpace() {
        if (cell != null) {
            cell.append(' ');
        }
    }

    private void emitRow() {
        if (cell != null && rowCells != null) {
            rowCells.add(cell.toString());
            cell = null;
        }
        if (rowCells == null) {
            return;
        }
        List<String> cells = new ArrayList<>(rowCells.size());
        boolean any = false;
        for (String c : rowCells) {
            String t = c.replaceAll("\\s+", " ").strip();
            any |= !t.isEmpty();
            cells.add(t);
        }
        rowCells = null;
        if (!any) {
            return;
        }
        int table = tables.isEmpty() ? ++tableSeq : tables.peek();
        blocks.add(new RawBlock(BlockKind.TABLE_ROW, 0, String.join(" | ", cells), cells, page, table, rowIndex == 0));
        rowIndex++;
    }

    private void flush() {
        if (text.isEmpty()) {
            return;
        }
        String t = text.toString();
        text.setLength(0);
        if (t.isBlank()) {
            return;
        }
        BlockKind kind = kinds.isEmpty() ? BlockKind.PARAGRAPH : kinds.peek();
        int level = levels.isEmpty() ? 0 : levels.peek();
        blocks.add(new RawBlock(kind, kind == BlockKind.HEADING ? level : 0, t, List.of(), page, 0, false));
    }

    /** Counts extracted characters across all documents of one file and stops the parse past the limit. */
    static final class CharBudget implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final long limit;
        private long used;

        CharBudget(long limit) {
            this.limit = limit;
        }

        void consume(int n) throws SAXException {
            used += n;
            if (used > limit) {
                throw new TextLimitException(limit);
            }
        }
    }

    /** Thrown through the parser when a file yields more text than allowed. */
    static final class TextLimitException extends SAXException {
        private static final long serialVersionUID = 1L;
        final long limit;

        TextLimitException(long limit) {
            super("extracted text exceeds " + limit + " characters");
            this.limit = limit;
        }
    }
}
