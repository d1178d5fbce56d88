package io.ragplatform.index;

/**
 * Receives the whole content of one index version from {@link RagIndex#forEachEntry}: first every document record, by
 * ascending document ID, then every chunk entry, by ascending chunk ID (IDs compared as UTF-8 bytes, i.e. by code
 * point). Each entry is visited exactly once. The order depends only on the IDs, so two visits of one version see the
 * same sequence on every machine.
 *
 * <p>A runtime exception thrown by a callback ends the visit and reaches the caller of {@code forEachEntry} unchanged.
 */
public interface CorpusVisitor {
    /** One document entry, with its chunk references in document order (their spans and pages). */
    void document(DocumentRecord document);

    /** One chunk entry, with its text, languages and vectors. */
    void chunk(CorpusChunk chunk);
}
