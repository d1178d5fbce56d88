package io.ragplatform.ingest;

/**
 * Reduces extracted text to its canonical form. Implementations are deterministic (no dependence on locale,
 * platform charset or time), idempotent on their own output, and thread-safe. Their {@link #version()} goes into
 * every document's pipeline string, so a change of behaviour must change the version: the file is prepared again on
 * its next upload or sync. Content hashes and chunk IDs mix in {@link #hashVersion()} instead.
 */
public interface Canonicalizer {
    /** The version of the canonical text, in the pipeline string, e.g. {@code "canon-2"}. */
    String version();

    /**
     * The version mixed into content hashes and chunk IDs, e.g. {@code "canon-1"}. A new {@link #version()} that
     * changes some texts keeps it, so that the texts it does not change keep their hashes, chunk IDs and vectors; it
     * changes only when the same text must get other IDs.
     */
    default String hashVersion() {
        return version();
    }

    CanonicalText canonicalize(ExtractedDocument document);

    /** The default canonicalizer. */
    static Canonicalizer standard() {
        return new StandardCanonicalizer();
    }
}
