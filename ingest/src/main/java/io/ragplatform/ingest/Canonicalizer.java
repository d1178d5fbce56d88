package io.ragplatform.ingest;

/**
 * Reduces extracted text to its canonical form. Implementations are deterministic (no dependence on locale,
 * platform charset or time), idempotent on their own output, and thread-safe. Their {@link #version()} goes into
 * every content hash and chunk ID, so a change of behaviour must change the version.
 */
public interface Canonicalizer {
    /** The version string mixed into hashes, e.g. {@code "canon-1"}. */
    String version();

    CanonicalText canonicalize(ExtractedDocument document);

    /** The default canonicalizer. */
    static Canonicalizer standard() {
        return new StandardCanonicalizer();
    }
}
