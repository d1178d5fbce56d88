package io.ragplatform.ingest.pii;

import java.util.Objects;

/**
 * One recognised value of a document. {@link #toString()} names the original's length only, so that a logged hit
 * does not leak what it hides.
 *
 * @param type what it is
 * @param start first character of the placeholder in the redacted text ({@link PiiMode#FLAG}: of the value in the
 *     unchanged text)
 * @param end end (exclusive) of the same
 * @param original the value as it was in the text
 */
public record PiiHit(PiiType type, int start, int end, String original) {
    public PiiHit {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(original, "original");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    @Override
    public String toString() {
        return "PiiHit[" + type + " " + start + ".." + end + ", " + original.length() + " chars]";
    }
}
