package io.ragplatform.ingest.dedup;

/** A document found to be a near-duplicate, with the estimated Jaccard similarity of the two signatures. */
public record NearDuplicate(String documentId, double similarity) {}
