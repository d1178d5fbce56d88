package io.ragplatform.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a line break or a page break is not the end of a block: hard-wrapped lines joined (a word hyphenated at the
 * line end re-joined), a paragraph cut by a page break re-joined, and a first line that is a heading of its own.
 */
final class Unwrapping {
    private Unwrapping() {}

    /**
     * Joins a wrapped line to the text before it: with a space, or with nothing between two Han, Kana or CJK
     * punctuation characters; a word of a cased script (Latin, Greek, Cyrillic) hyphenated across the break is
     * re-joined.
     */
    static void unwrap(StringBuilder current, String next) {
        int n = current.length();
        if (n >= 2
                && current.charAt(n - 1) == '-'
                && isCased(Character.codePointBefore(current, n - 1))
                && !next.isEmpty()
                && Character.isLowerCase(next.charAt(0))) {
            current.setLength(n - 1);
            current.append(next);
        } else if (CjkText.joinsTight(current, n, next, 0)) {
            current.append(next);
        } else {
            current.append(' ').append(next);
        }
    }

    private static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /**
     * Whether the first line of a paragraph is a heading of its own: it reads like a heading (short, no closing
     * punctuation, capitalised) and is clearly shorter than the wrapped line below it.
     */
    static boolean standsAlone(String line, String next) {
        if (next.isEmpty()
                || StandardCanonicalizer.LIST_MARKER.matcher(next).find()
                || line.length() > 100
                || line.length() * 10 > next.length() * 7) {
            return false;
        }
        // a heading is followed by the start of a sentence, and is not a word cut at the line end
        int nextFirst = next.codePointAt(0);
        if (!Character.isLetterOrDigit(nextFirst) || Character.isLowerCase(nextFirst) || line.endsWith("-")) {
            return false;
        }
        if (closesClause(line.charAt(line.length() - 1)) || line.split(" ").length > 12) {
            return false;
        }
        int first = line.codePointAt(0);
        return Character.isLetterOrDigit(first) && !Character.isLowerCase(first);
    }

    /**
     * Re-joins a paragraph of a paged format that a page break, or the PDF layout analysis, cut in two: the first
     * part does not end a sentence, and the second starts lower-case, or the break is between two Han, Kana or CJK
     * punctuation characters and the first cannot be a heading, or neither can be a heading.
     */
    static List<StandardCanonicalizer.Piece> joinAcrossPages(List<StandardCanonicalizer.Piece> pieces) {
        List<StandardCanonicalizer.Piece> out = new ArrayList<>(pieces.size());
        for (StandardCanonicalizer.Piece p : pieces) {
            if (!out.isEmpty()) {
                StandardCanonicalizer.Piece prev = out.get(out.size() - 1);
                boolean cutMidSentence = prev.kind() == BlockKind.PARAGRAPH
                        && p.kind() == BlockKind.PARAGRAPH
                        && prev.page() > 0
                        && (p.page() == prev.page() || p.page() == prev.page() + 1)
                        && !endsSentence(prev.text())
                        && (Character.isLowerCase(p.text().codePointAt(0))
                                // CJK has no lower case: a break between two wide characters is mid-sentence
                                || (CjkText.joinsTight(prev.text(), prev.text().length(), p.text(), 0)
                                        && !mayBeHeading(prev.text()))
                                || (!mayBeHeading(prev.text()) && !mayBeHeading(p.text())));
                if (cutMidSentence) {
                    StringBuilder joined = new StringBuilder(prev.text());
                    unwrap(joined, p.text());
                    out.set(
                            out.size() - 1,
                            new StandardCanonicalizer.Piece(
                                    BlockKind.PARAGRAPH, joined.toString(), prev.page(), 0, false));
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
                || t.indexOf(':') >= 0
                || t.indexOf('，') >= 0
                || t.indexOf('；') >= 0
                || t.indexOf('：') >= 0
                || t.indexOf('、') >= 0) {
            return false;
        }
        int first = t.codePointAt(0);
        return Character.isLetterOrDigit(first) && !Character.isLowerCase(first);
    }

    private static boolean endsSentence(String t) {
        int c = t.codePointBefore(t.length());
        return ".!?:;\"')]".indexOf(c) >= 0 || CjkText.endsSentence(c) || c == '：' || CjkText.isCloser(c);
    }

    /** Clause or sentence punctuation that a heading does not end with ({@code ?} may: a question heading). */
    static boolean closesClause(char c) {
        return ".,;:!".indexOf(c) >= 0 || "。，；：！、．".indexOf(c) >= 0;
    }
}
