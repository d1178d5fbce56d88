package io.ragplatform.ingest.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM and PGP private-key blocks. A BEGIN line runs through the next END line of a private key, or to the end of the
 * text when there is none (a key cut by a block boundary is still a key). An END line without a BEGIN (the rest of a
 * key whose BEGIN is in the block before, as after the blank line of an encrypted PEM's headers) takes the
 * base64 lines before it with it.
 */
final class PemBlocks {
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern END = Pattern.compile("-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----");
    private static final int LINE = 16;

    private PemBlocks() {}

    static void find(String text, List<PiiSpan> out) {
        if (!text.contains("-----")) {
            return;
        }
        Matcher begin = BEGIN.matcher(text);
        Matcher end = END.matcher(text);
        int covered = 0;
        while (end.find(covered)) {
            boolean hasBegin = begin.find(covered) && begin.start() < end.start();
            int from = hasBegin ? begin.start() : base64Before(text, end.start(), covered);
            out.add(new PiiSpan(PiiType.SECRET, from, end.end()));
            covered = end.end();
        }
        if (begin.find(covered)) {
            out.add(new PiiSpan(PiiType.SECRET, begin.start(), text.length()));
        }
    }

    /**
     * Where the base64 body before an END line at {@code end} starts: the tokens of base64 characters before it, the
     * last (next to END) of any length, the others at least {@value #LINE} characters long; not before {@code floor}.
     */
    private static int base64Before(String text, int end, int floor) {
        int from = end;
        int i = end;
        boolean last = true;
        while (true) {
            while (i > floor && Character.isWhitespace(text.charAt(i - 1))) {
                i--;
            }
            int tokenEnd = i;
            while (i > floor && base64(text.charAt(i - 1))) {
                i--;
            }
            int length = tokenEnd - i;
            if (length == 0 || (!last && length < LINE) || (i > floor && !Character.isWhitespace(text.charAt(i - 1)))) {
                return from;
            }
            from = i;
            last = false;
        }
    }

    private static boolean base64(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '/'
                || c == '=';
    }
}
