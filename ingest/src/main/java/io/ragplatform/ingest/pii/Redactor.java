package io.ragplatform.ingest.pii;

import io.ragplatform.ingest.CanonicalText;

/**
 * Replaces personal data and secrets in canonical text with typed placeholders ({@link PiiType#placeholder()}), before
 * chunking and content hashing, so that the originals are neither indexed, shown, searched nor embedded, and two
 * documents that differ only in redacted values share chunks. Values are recognised within each block (a value never
 * spans a block boundary) by {@link PiiRecognizer#standard()}. Deterministic and thread-safe.
 */
public interface Redactor {
    /**
     * The version of the rules, part of the pipeline version: a change of what is recognised or how it is replaced
     * changes it, since it changes the canonical text and with it the content hashes.
     */
    String version();

    /**
     * Redacts a document's canonical text. {@link PiiMode#REDACT}: each value is replaced by its placeholder, and every
     * block's span is moved so that it covers exactly its own redacted text; the hits locate the placeholders.
     * {@link PiiMode#FLAG}: the text is returned unchanged, the hits locate the values. {@link PiiMode#OFF}: the text
     * unchanged, no hits.
     *
     * @throws IllegalArgumentException if the blocks are out of order, overlap or lie outside the text
     */
    Redaction redact(CanonicalText text, PiiMode mode);

    /** {@code text} with every recognised value replaced by its placeholder (a query, a test). */
    String redact(String text);

    /** The standard rules, version {@code pii-2} (pii-1 had no identity numbers and no Chinese landlines). */
    static Redactor standard() {
        return StandardRedactor.INSTANCE;
    }
}
