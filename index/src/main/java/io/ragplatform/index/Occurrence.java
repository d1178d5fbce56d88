package io.ragplatform.index;

/** Where a chunk occurs: a document and a character span of its canonical text. */
public record Occurrence(String documentId, String sourceId, int charStart, int charEnd, int page) {}
