package io.ragplatform.ingest.pii;

import io.ragplatform.ingest.CanonicalBlock;
import io.ragplatform.ingest.CanonicalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link Redactor#standard()}: recognises each block, and each stretch of text between blocks, separately, and
 * rebuilds the text and the block spans in one pass.
 */
final class StandardRedactor implements Redactor {
    static final StandardRedactor INSTANCE = new StandardRedactor(PiiRecognizer.standard());
    private static final String VERSION = "pii-2";

    private final PiiRecognizer recognizer;

    private StandardRedactor(PiiRecognizer recognizer) {
        this.recognizer = recognizer;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Redaction redact(CanonicalText text, PiiMode mode) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mode, "mode");
        if (mode == PiiMode.OFF) {
            return new Redaction(text, List.of(), new TreeMap<>());
        }
        String in = text.text();
        checkBlocks(in, text.blocks());
        Pass pass = new Pass(in, mode == PiiMode.REDACT);
        List<CanonicalBlock> blocks = new ArrayList<>(text.blocks().size());
        int pos = 0;
        for (CanonicalBlock b : text.blocks()) {
            pass.segment(pos, b.start());
            int start = pass.outLength();
            pass.segment(b.start(), b.end());
            blocks.add(new CanonicalBlock(b.kind(), start, pass.outLength(), b.page(), b.tableId(), b.header()));
            pos = b.end();
        }
        pass.segment(pos, in.length());
        CanonicalText out =
                mode == PiiMode.REDACT && !pass.hits.isEmpty() ? new CanonicalText(pass.out.toString(), blocks) : text;
        return new Redaction(out, pass.hits, counts(pass.hits));
    }

    @Override
    public String redact(String text) {
        Pass pass = new Pass(text, true);
        pass.segment(0, text.length());
        return pass.hits.isEmpty() ? text : pass.out.toString();
    }

    private static void checkBlocks(String text, List<CanonicalBlock> blocks) {
        int pos = 0;
        for (CanonicalBlock b : blocks) {
            if (b.start() < pos || b.end() > text.length()) {
                throw new IllegalArgumentException("blocks must be in order, apart and inside the text of "
                        + text.length() + " chars; got " + b.start() + ".." + b.end() + " after " + pos);
            }
            pos = b.end();
        }
    }

    private static SortedMap<PiiType, Integer> counts(List<PiiHit> hits) {
        SortedMap<PiiType, Integer> counts = new TreeMap<>();
        for (PiiHit h : hits) {
            counts.merge(h.type(), 1, Integer::sum);
        }
        return counts;
    }

    /** One pass over a text: the redacted text so far and the hits. */
    private final class Pass {
        final String in;
        final boolean replace;
        final StringBuilder out;
        final List<PiiHit> hits = new ArrayList<>();

        Pass(String in, boolean replace) {
            this.in = in;
            this.replace = replace;
            this.out = replace ? new StringBuilder(in.length()) : null;
        }

        int outLength() {
            return replace ? out.length() : 0;
        }

        void segment(int from, int to) {
            if (from == to) {
                return;
            }
            List<PiiSpan> spans = recognizer.find(in.substring(from, to));
            int cursor = from;
            for (PiiSpan s : spans) {
                int start = from + s.start();
                int end = from + s.end();
                String original = in.substring(start, end);
                if (replace) {
                    out.append(in, cursor, start);
                    int at = out.length();
                    out.append(s.type().placeholder());
                    hits.add(new PiiHit(s.type(), at, out.length(), original));
                } else {
                    hits.add(new PiiHit(s.type(), start, end, original));
                }
                cursor = end;
            }
            if (replace) {
                out.append(in, cursor, to);
            }
        }
    }
}
