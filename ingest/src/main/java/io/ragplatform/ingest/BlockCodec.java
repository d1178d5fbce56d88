package io.ragplatform.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link RawBlock}s as one string and back, losslessly (any {@code char}, lone surrogates included): how a forked
 * parser returns a document's blocks inside Tika's metadata, which crosses the process boundary as Java serialisation
 * of strings. Numbers are decimal and end with {@code ','}; a string is its length, {@code ':'}, then its chars.
 */
final class BlockCodec {
    private static final BlockKind[] KINDS = BlockKind.values();

    private BlockCodec() {}

    static String encode(List<RawBlock> blocks) {
        StringBuilder out = new StringBuilder();
        number(out, blocks.size());
        for (RawBlock b : blocks) {
            number(out, b.kind().ordinal());
            number(out, b.level());
            number(out, b.page());
            number(out, b.tableId());
            number(out, b.header() ? 1 : 0);
            string(out, b.text());
            number(out, b.cells().size());
            for (String cell : b.cells()) {
                string(out, cell);
            }
        }
        return out.toString();
    }

    static List<RawBlock> decode(String encoded) {
        Reader in = new Reader(encoded);
        int n = in.number();
        List<RawBlock> blocks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BlockKind kind = KINDS[in.number()];
            int level = in.number();
            int page = in.number();
            int tableId = in.number();
            boolean header = in.number() == 1;
            String text = in.string();
            int cellCount = in.number();
            List<String> cells = new ArrayList<>(cellCount);
            for (int c = 0; c < cellCount; c++) {
                cells.add(in.string());
            }
            blocks.add(new RawBlock(kind, level, text, cells, page, tableId, header));
        }
        if (in.pos != encoded.length()) {
            throw new IllegalArgumentException("trailing characters after " + n + " encoded blocks");
        }
        return blocks;
    }

    private static void number(StringBuilder out, int n) {
        out.append(n).append(',');
    }

    private static void string(StringBuilder out, String s) {
        out.append(s.length()).append(':').append(s);
    }

    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        int number() {
            return digitsUntil(',');
        }

        String string() {
            int length = digitsUntil(':');
            String t = s.substring(pos, pos + length);
            pos += length;
            return t;
        }

        private int digitsUntil(char end) {
            int start = pos;
            int stop = s.indexOf(end, start);
            if (stop < 0) {
                throw new IllegalArgumentException("truncated block encoding at " + start);
            }
            pos = stop + 1;
            return Integer.parseInt(s, start, stop, 10);
        }
    }
}
