package io.ragplatform.ingest;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The structure-aware chunker ({@value #VERSION}).
 *
 * <p>Boundaries are decided from content only, never from the format the content came in, so that the same text
 * as HTML, Word, PDF or plain text gets the same chunks:
 *
 * <ul>
 *   <li>A heading-like block (short, no sentence punctuation at its end, capitalised, not a table row) starts a
 *       section; a run of heading-like blocks (a title above the first heading, a list of short items) starts one
 *       section together.
 *   <li>Within a section, blocks are packed greedily up to {@code maxTokens}. Once a chunk holds half of that, a
 *       block whose content hash selects it as an anchor (one in four) starts a new chunk, so that an edit cannot
 *       shift boundaries beyond the next anchor even in a long section without headings.
 *   <li>A block over {@code maxTokens} is split at sentence boundaries ({@link BreakIterator}, and after {@code
 *       。！？；} with their closing quotes, no space needed), a sentence over it at word boundaries.
 *   <li>A table stays in one chunk when it fits; otherwise it is split between rows, each continuation chunk
 *       starting with a copy of the header row.
 * </ul>
 */
final class StructuralChunker implements Chunker {
    static final String VERSION = "chunk-2";

    /**
     * Mixed into chunk IDs in place of {@link #VERSION}: chunk-2 moved only boundaries in CJK text, so a chunk whose
     * text chunk-1 gave too keeps its ID and stored vector.
     */
    static final String ID_VERSION = "chunk-1";

    private final TokenCounter counter;
    private final int maxTokens;
    private final String canonicalizerVersion;

    StructuralChunker(TokenCounter counter, int maxTokens, String canonicalizerVersion) {
        if (maxTokens < 16) {
            throw new IllegalArgumentException("maxTokens must be at least 16, was " + maxTokens);
        }
        this.counter = counter;
        this.maxTokens = maxTokens;
        this.canonicalizerVersion = canonicalizerVersion;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public String signature() {
        return VERSION + "/max=" + maxTokens;
    }

    /** A span of canonical text that is never split further. */
    private record Unit(
            int start,
            int end,
            int tokens,
            int page,
            boolean sectionStart,
            BlockKind kind,
            int tableId,
            boolean header) {}

    @Override
    public List<Chunk> chunk(CanonicalText ct) {
        List<Unit> units = units(ct);
        Map<Integer, Unit> tableHeaders = new HashMap<>();
        for (Unit u : units) {
            if (u.kind() == BlockKind.TABLE_ROW && u.header()) {
                tableHeaders.putIfAbsent(u.tableId(), u);
            }
        }
        Map<Integer, Integer> tableTokens = new HashMap<>();
        for (Unit u : units) {
            if (u.kind() == BlockKind.TABLE_ROW) {
                tableTokens.merge(u.tableId(), u.tokens(), Integer::sum);
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        List<Unit> current = new ArrayList<>();
        int tokens = 0;
        Unit prefix = null;
        for (Unit u : units) {
            if (!current.isEmpty()) {
                Unit last = current.get(current.size() - 1);
                boolean startsTable = u.kind() == BlockKind.TABLE_ROW
                        && (last.kind() != BlockKind.TABLE_ROW || last.tableId() != u.tableId());
                boolean cut = u.sectionStart()
                        || tokens + u.tokens() > maxTokens
                        || (startsTable && tokens + tableTokens.get(u.tableId()) > maxTokens)
                        || (tokens >= maxTokens / 2 && isAnchor(ct.text().substring(u.start(), u.end())));
                if (cut) {
                    chunks.add(emit(ct, current, prefix, tokens));
                    current.clear();
                    tokens = 0;
                    prefix = null;
                    if (u.kind() == BlockKind.TABLE_ROW
                            && last.kind() == BlockKind.TABLE_ROW
                            && last.tableId() == u.tableId()) {
                        Unit header = tableHeaders.get(u.tableId());
                        if (header != null && header != u && header.tokens() + u.tokens() <= maxTokens) {
                            prefix = header;
                            tokens = header.tokens();
                        }
                    }
                }
            }
            current.add(u);
            tokens += u.tokens();
        }
        if (!current.isEmpty()) {
            chunks.add(emit(ct, current, prefix, tokens));
        }
        return chunks;
    }

    private Chunk emit(CanonicalText ct, List<Unit> units, Unit prefix, int tokens) {
        Unit first = units.get(0);
        Unit last = units.get(units.size() - 1);
        String body = ct.text().substring(first.start(), last.end());
        String text = prefix == null ? body : ct.text().substring(prefix.start(), prefix.end()) + "\n" + body;
        String id = Hashing.id128("chunk", canonicalizerVersion, ID_VERSION, text);
        return new Chunk(id, text, first.start(), last.end(), first.page(), tokens);
    }

    private static boolean isAnchor(String unitText) {
        // String.hashCode is fixed by the Java language specification: the same on every platform
        return (unitText.hashCode() & 3) == 0;
    }

    private List<Unit> units(CanonicalText ct) {
        List<Unit> units = new ArrayList<>();
        boolean previousHeadingLike = false;
        for (CanonicalBlock b : ct.blocks()) {
            String t = ct.blockText(b);
            boolean headingLike = headingLike(b, t);
            boolean sectionStart = headingLike && !previousHeadingLike;
            previousHeadingLike = headingLike;
            int tokens = counter.count(t);
            if (tokens <= maxTokens) {
                units.add(new Unit(
                        b.start(), b.end(), tokens, b.page(), sectionStart, b.kind(), b.tableId(), b.header()));
                continue;
            }
            boolean first = true;
            for (int[] span : splitLong(t)) {
                String piece = t.substring(span[0], span[1]);
                units.add(new Unit(
                        b.start() + span[0],
                        b.start() + span[1],
                        counter.count(piece),
                        b.page(),
                        first && sectionStart,
                        b.kind(),
                        b.tableId(),
                        first && b.header()));
                first = false;
            }
        }
        return units;
    }

    /** Spans of sentences, and of word runs for sentences that alone exceed the budget. */
    private List<int[]> splitLong(String t) {
        List<int[]> spans = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(t);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            int s = start;
            int e = end;
            while (s < e && Character.isWhitespace(t.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(t.charAt(e - 1))) {
                e--;
            }
            if (s == e) {
                continue;
            }
            for (int[] sentence : splitCjk(t, s, e)) {
                if (counter.count(t.substring(sentence[0], sentence[1])) <= maxTokens) {
                    spans.add(sentence);
                } else {
                    splitWords(t, sentence[0], sentence[1], spans);
                }
            }
        }
        return spans;
    }

    /**
     * The span {@code [s, e)} cut after each CJK sentence end and its closing quotes ({@code BreakIterator} does not
     * end a sentence at {@code ；}), each part trimmed.
     */
    private static List<int[]> splitCjk(String t, int s, int e) {
        List<int[]> parts = new ArrayList<>();
        int start = s;
        int i = s;
        while (i < e) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            if (!CjkText.endsSentence(cp)) {
                continue;
            }
            while (i < e && (CjkText.endsSentence(t.charAt(i)) || CjkText.isCloser(t.charAt(i)))) {
                i++;
            }
            int next = i;
            while (next < e && Character.isWhitespace(t.charAt(next))) {
                next++;
            }
            if (next < e) {
                parts.add(new int[] {start, trimEnd(t, start, i)});
                start = next;
                i = next;
            }
        }
        parts.add(new int[] {start, e});
        return parts;
    }

    private void splitWords(String t, int s, int e, List<int[]> spans) {
        int pieceStart = s;
        int pieceTokens = 0;
        int i = s;
        while (i < e) {
            int wordEnd = i;
            while (wordEnd < e && !Character.isWhitespace(t.charAt(wordEnd))) {
                wordEnd++;
            }
            int wordTokens = Math.max(1, counter.count(t.substring(i, wordEnd)));
            if (pieceTokens > 0 && pieceTokens + wordTokens > maxTokens) {
                spans.add(new int[] {pieceStart, trimEnd(t, pieceStart, i)});
                pieceStart = i;
                pieceTokens = 0;
            }
            if (wordTokens > maxTokens) {
                // a single "word" longer than the budget (a URL, a base64 blob): cut it by characters
                int step = Math.max(1, (wordEnd - i) * maxTokens / wordTokens);
                for (int c = i; c < wordEnd; c += step) {
                    spans.add(new int[] {c, Math.min(wordEnd, c + step)});
                }
                pieceStart = wordEnd;
                pieceTokens = 0;
            } else {
                pieceTokens += wordTokens;
            }
            i = wordEnd;
            while (i < e && Character.isWhitespace(t.charAt(i))) {
                i++;
            }
            if (pieceTokens == 0) {
                pieceStart = i;
            }
        }
        if (pieceStart < e && pieceTokens > 0) {
            spans.add(new int[] {pieceStart, trimEnd(t, pieceStart, e)});
        }
    }

    private static int trimEnd(String t, int s, int e) {
        while (e > s && Character.isWhitespace(t.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    /** Whether a block reads as a heading, judged from its text alone so that every format agrees. */
    static boolean headingLike(CanonicalBlock b, String t) {
        // list items count too: whether a short line is a list item or a heading differs between formats
        // (a numbered heading reads as a numbered list line in plain text)
        if (b.kind() == BlockKind.TABLE_ROW || b.kind() == BlockKind.PREFORMATTED) {
            return false;
        }
        if (t.isEmpty() || t.length() > 100) {
            return false;
        }
        int words = 1;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == ' ') {
                words++;
            }
        }
        if (words > 12 || Unwrapping.closesClause(t.charAt(t.length() - 1))) {
            return false;
        }
        int first = t.codePointAt(0);
        return Character.isLetterOrDigit(first) && !Character.isLowerCase(first);
    }
}
