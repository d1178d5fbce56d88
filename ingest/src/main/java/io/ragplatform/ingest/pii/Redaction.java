package io.ragplatform.ingest.pii;

import io.ragplatform.ingest.CanonicalText;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The result of redacting a document.
 *
 * @param text the canonical text to chunk, hash, index and embed: with placeholders in {@link PiiMode#REDACT}, the
 *     input otherwise
 * @param hits what was recognised, in text order (none in {@link PiiMode#OFF})
 * @param counts hits per type, in {@link PiiType} order; a type without hits is absent
 */
public record Redaction(CanonicalText text, List<PiiHit> hits, SortedMap<PiiType, Integer> counts) {
    public Redaction {
        Objects.requireNonNull(text, "text");
        hits = List.copyOf(hits);
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
    }

    /** The total number of hits. */
    public int total() {
        return hits.size();
    }
}
