package io.ragplatform.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random {@link ExtractedDocument}s for property tests: headings, hard-wrapped paragraphs, list lines, pipe
 * tables and table-row blocks, with odd white space and Unicode that canonicalization must fold (NBSP, soft hyphen,
 * zero-width space, ligatures, curly quotes, decomposed accents, full-width letters, CR LF).
 *
 * <p>Words are made-up syllable strings, so that no line repeats by chance (which would make it look like a running
 * header of a paged document) and every word can be looked for in the output. Pre-formatted blocks are not generated:
 * their line breaks and indentation are meant to survive, so the white-space properties do not hold for them.
 *
 * <p>Numbered headings ({@code "2. Scope"}) and table rows with empty edge cells have example tests of their own in
 * {@link StandardCanonicalizerTest}.
 */
final class RandomDocuments {
    private static final String[] SYLLABLES = {
        "ka", "lo", "mi", "ren", "tus", "vo", "bar", "den", "fi", "gol", "hap", "jun", "kel", "mor", "nax", "pel",
        "qui", "ras", "sil", "tor", "ul", "ven", "wix", "yar", "zem", "ble", "cra", "dro", "fla", "gri", "pro", "stu",
        "tri"
    };
    private static final String[] WORD_SEPARATORS = {" ", " ", " ", " ", " ", "  ", "\t", "\u00a0", " \u2003", "\u3000"
    };
    private static final String[] LINE_ENDS = {"\n", "\n", "\n", "\r\n", " \n", "\n  ", "\t\n", "\u00a0\n"};
    private static final String[] PARAGRAPH_BREAKS = {
        "\n\n", "\n\n", "\n \n", "\r\n\r\n", "\n\n\n\n", "\n\t\n", "\u2029"
    };
    private static final String[] LIST_MARKERS = {"- ", "* ", "\u2022 ", "1. ", "12) ", "+ ", "\u2013 "};
    private static final String[] TYPES = {
        "text/plain", "text/html", "application/pdf", "application/vnd.oasis.opendocument.text"
    };

    private RandomDocuments() {}

    static ExtractedDocument document(Random r) {
        String type = TYPES[r.nextInt(TYPES.length)];
        boolean paged = type.equals("application/pdf");
        int page = paged ? 1 : 0;
        int tableId = 0;
        List<RawBlock> blocks = new ArrayList<>();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            if (paged && i > 0 && r.nextInt(3) == 0) {
                page++;
            }
            switch (r.nextInt(10)) {
                case 0, 1 ->
                    blocks.add(new RawBlock(BlockKind.HEADING, 1 + r.nextInt(3), title(r), List.of(), page, 0, false));
                case 2 ->
                    blocks.add(new RawBlock(
                            BlockKind.LIST_ITEM,
                            0,
                            (r.nextBoolean() ? LIST_MARKERS[r.nextInt(LIST_MARKERS.length)] : "") + sentence(r),
                            List.of(),
                            page,
                            0,
                            false));
                case 3 -> {
                    tableId++;
                    int cols = 2 + r.nextInt(3);
                    int rows = 1 + r.nextInt(4);
                    for (int k = 0; k < rows; k++) {
                        List<String> cells = new ArrayList<>();
                        for (int c = 0; c < cols; c++) {
                            cells.add(
                                    r.nextInt(3) == 0
                                            ? words(r, 1 + r.nextInt(3)) + " " + word(r)
                                            : capitalize(word(r)));
                        }
                        blocks.add(new RawBlock(
                                BlockKind.TABLE_ROW, 0, String.join(" | ", cells), cells, page, tableId, k == 0));
                    }
                }
                default -> blocks.add(new RawBlock(BlockKind.PARAGRAPH, 0, paragraphs(r), List.of(), page, 0, false));
            }
        }
        return new ExtractedDocument("", type, Map.of(), blocks);
    }

    /** Running text with hard wraps, blank lines, list lines and the odd pipe-table line. */
    static String paragraphs(Random r) {
        StringBuilder sb = new StringBuilder();
        int paragraphs = 1 + r.nextInt(3);
        for (int p = 0; p < paragraphs; p++) {
            if (p > 0) {
                sb.append(PARAGRAPH_BREAKS[r.nextInt(PARAGRAPH_BREAKS.length)]);
            }
            int kind = r.nextInt(8);
            if (kind == 0) {
                int items = 1 + r.nextInt(4);
                String marker = LIST_MARKERS[r.nextInt(LIST_MARKERS.length)];
                for (int i = 0; i < items; i++) {
                    if (i > 0) {
                        sb.append('\n');
                    }
                    sb.append(marker).append(sentence(r));
                }
            } else if (kind == 1) {
                int rows = 1 + r.nextInt(3);
                for (int i = 0; i < rows; i++) {
                    if (i > 0) {
                        sb.append('\n');
                    }
                    sb.append(capitalize(word(r)))
                            .append(" | ")
                            .append(words(r, 2))
                            .append(" | ")
                            .append(word(r));
                }
            } else if (kind == 2) {
                // a title line directly above its paragraph, as in PDF text
                sb.append(title(r)).append('\n').append(wrapped(r, 3 + r.nextInt(4)));
            } else {
                sb.append(wrapped(r, 1 + r.nextInt(5)));
            }
        }
        // leading and trailing white space around the whole block
        return (r.nextInt(4) == 0 ? "\n " : "") + sb + (r.nextInt(3) == 0 ? "\n" : "");
    }

    /** Sentences wrapped at a random width, sometimes hyphenating a word across the break. */
    static String wrapped(Random r, int sentences) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(sentence(r));
        }
        String[] words = text.toString().split(" ");
        int width = 30 + r.nextInt(50);
        StringBuilder sb = new StringBuilder();
        int lineLength = 0;
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (i > 0) {
                if (lineLength + w.length() + 1 > width) {
                    if (w.length() >= 6
                            && Character.isLowerCase(w.charAt(0))
                            && r.nextInt(3) == 0
                            && w.chars().allMatch(Character::isLetter)) {
                        int cut = 2 + r.nextInt(w.length() - 4);
                        sb.append(' ')
                                .append(w, 0, cut)
                                .append('-')
                                .append(LINE_ENDS[r.nextInt(LINE_ENDS.length)].replace("\n  ", "\n"));
                        sb.append(w.substring(cut));
                        lineLength = w.length() - cut;
                        continue;
                    }
                    sb.append(LINE_ENDS[r.nextInt(LINE_ENDS.length)]);
                    lineLength = 0;
                } else {
                    sb.append(WORD_SEPARATORS[r.nextInt(WORD_SEPARATORS.length)]);
                    lineLength++;
                }
            }
            sb.append(w);
            lineLength += w.length();
        }
        return sb.toString();
    }

    static String sentence(Random r) {
        String s = capitalize(words(r, 3 + r.nextInt(12)));
        return s
                + switch (r.nextInt(6)) {
                    case 0 -> "?";
                    case 1 -> "!";
                    default -> ".";
                };
    }

    static String title(Random r) {
        return capitalize(words(r, 1 + r.nextInt(5)));
    }

    static String words(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(decorate(r, word(r)));
        }
        return sb.toString();
    }

    static String word(Random r) {
        StringBuilder sb = new StringBuilder();
        int syllables = 2 + r.nextInt(3);
        for (int i = 0; i < syllables; i++) {
            sb.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return sb.toString();
    }

    /** Unicode that canonicalization folds: the folded form is the plain word, or the word with an ASCII quote. */
    private static String decorate(Random r, String w) {
        return switch (r.nextInt(24)) {
            case 0 -> "\u201c" + w + "\u201d";
            case 1 -> "\u2018" + w + "\u2019";
            case 2 -> w.length() > 4 ? w.substring(0, 2) + "\u00ad" + w.substring(2) : w;
            case 3 -> w.contains("fi") ? w.replace("fi", "\ufb01") : w + "\ufb01";
            case 4 -> w + "\u200b";
            case 5 -> w.replace("e", "e\u0301");
            case 6 -> "\uff21" + w;
            case 7 -> w + "\u2019s";
            case 8 -> "caf\u00e9";
            default -> w;
        };
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A copy-pasteable description of a document for failure messages. */
    static String describe(ExtractedDocument doc) {
        StringBuilder sb = new StringBuilder("type ").append(doc.contentType()).append('\n');
        for (RawBlock b : doc.blocks()) {
            sb.append("  ").append(b.kind()).append(" p").append(b.page());
            if (b.kind() == BlockKind.TABLE_ROW) {
                sb.append(" t").append(b.tableId()).append(b.header() ? " header" : "");
            }
            sb.append(" \"").append(escape(b.text())).append("\"\n");
        }
        return sb.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
