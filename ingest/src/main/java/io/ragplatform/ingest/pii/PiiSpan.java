package io.ragplatform.ingest.pii;

import java.util.Objects;

/**
 * A recognised value's place in the text it was found in.
 *
 * @param type what it is
 * @param start first character (inclusive)
 * @param end last character (exclusive)
 */
public record PiiSpan(PiiType type, int start, int end) {
    public PiiSpan {
        Objects.requireNonNull(type, "type");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }

    boolean overlaps(PiiSpan other) {
        return start < other.end && other.start < end;
    }
}
