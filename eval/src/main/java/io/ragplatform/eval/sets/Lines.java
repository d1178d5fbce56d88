package io.ragplatform.eval.sets;

import io.ragplatform.error.RagException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lines of UTF-8 text with a cap on a line's length: strict decoding (malformed bytes are an error, never replaced),
 * a byte-order mark at the start skipped, {@code \n}, {@code \r\n} and {@code \r} ending a line. Errors are
 * {@link RagException}s ({@link #code(String)}, {@code invalid_request} by default) naming the source and the line
 * number. Not thread-safe.
 */
final class Lines implements AutoCloseable {
    /** Default cap on one line: 10 Mi characters. */
    static final int DEFAULT_MAX_LINE_CHARS = 10 * 1024 * 1024;

    private final CharSource in;
    private final String source;
    private final int maxLineChars;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int end;
    private boolean eof;
    private boolean skipLf;
    private int lineNumber;
    private long maxTotalChars = Long.MAX_VALUE;
    private String errorCode = "invalid_request";
    private long totalChars;

    private Lines(CharSource in, String source, int maxLineChars) {
        if (maxLineChars < 1) {
            throw new IllegalArgumentException("maxLineChars must be positive, was " + maxLineChars);
        }
        this.in = in;
        this.source = source;
        this.maxLineChars = maxLineChars;
    }

    /** Lines of a byte stream, decoded as strict UTF-8. */
    static Lines of(InputStream in, String source, int maxLineChars) {
        return new Lines(new Utf8Source(in), source, maxLineChars);
    }

    /** Lines of already decoded text. */
    static Lines of(Reader in, String source, int maxLineChars) {
        return new Lines(
                new CharSource() {
                    @Override
                    public int read(char[] into) throws IOException {
                        return in.read(into, 0, into.length);
                    }

                    @Override
                    public void close() throws IOException {
                        in.close();
                    }
                },
                source,
                maxLineChars);
    }

    /**
     * Caps the characters read in all (terminators counted as one), for input that is to be held in memory: beyond it
     * {@link #next()} fails rather than exhaust the heap (a zip bomb, or the wrong file).
     */
    Lines limitTotal(long maxChars) {
        this.maxTotalChars = maxChars;
        return this;
    }

    /** The code of the errors this input raises, e.g. {@code invalid_archive} for a file of a BEIR zip. */
    Lines code(String errorCode) {
        this.errorCode = errorCode;
        return this;
    }

    /** The number of the line last returned by {@link #next()}, 1-based; 0 before the first. */
    int lineNumber() {
        return lineNumber;
    }

    String source() {
        return source;
    }

    /** The next line without its terminator, or null at the end of the input. */
    String next() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == end) {
                if (!fill()) {
                    if (line == null) {
                        return null;
                    }
                    return finish(line);
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            if (line == null) {
                line = new StringBuilder();
            }
            int start = pos;
            while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            if (line.length() + (pos - start) > maxLineChars) {
                throw bad(source + " line " + (lineNumber + 1) + " is longer than " + maxLineChars + " characters");
            }
            line.append(buf, start, pos - start);
            if (pos < end) {
                skipLf = buf[pos] == '\r';
                pos++;
                return finish(line);
            }
        }
    }

    private String finish(StringBuilder line) {
        lineNumber++;
        totalChars += line.length() + 1;
        if (totalChars > maxTotalChars) {
            throw bad(source + " is longer than " + maxTotalChars + " characters (at line " + lineNumber
                    + "), too large to read into memory");
        }
        if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line.deleteCharAt(0);
        }
        return line.toString();
    }

    private RagException bad(String message) {
        return RagException.invalid(errorCode, message);
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        try {
            n = in.read(buf);
        } catch (MalformedUtf8 e) {
            // every character before the bad bytes has been consumed, so the bad bytes are on the next line
            throw bad(source + " line " + (lineNumber + 1) + " is not valid UTF-8");
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        end = n;
        return n > 0 || fill();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private interface CharSource extends Closeable {
        /** Reads some characters into {@code into}; -1 at the end. */
        int read(char[] into) throws IOException;
    }

    private static final class MalformedUtf8 extends IOException {
        MalformedUtf8() {
            super("malformed UTF-8");
        }
    }

    /**
     * Strict UTF-8 decoding that hands out every character before a malformed sequence and only then fails, so the
     * caller knows on which line the bad bytes are.
     */
    private static final class Utf8Source implements CharSource {
        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
        private boolean eof;
        private boolean failed;
        private boolean flushed;

        Utf8Source(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(char[] into) throws IOException {
            CharBuffer out = CharBuffer.wrap(into);
            while (true) {
                if (failed) {
                    throw new MalformedUtf8();
                }
                CoderResult r = decoder.decode(bytes, out, eof);
                if (r.isError()) {
                    failed = true;
                    if (out.position() > 0) {
                        return out.position();
                    }
                    throw new MalformedUtf8();
                }
                if (out.position() > 0) {
                    return out.position();
                }
                if (r.isOverflow()) {
                    throw new IllegalStateException("no room to decode into");
                }
                if (eof) {
                    if (!flushed) {
                        flushed = true;
                        decoder.flush(out);
                        if (out.position() > 0) {
                            return out.position();
                        }
                    }
                    return -1;
                }
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
