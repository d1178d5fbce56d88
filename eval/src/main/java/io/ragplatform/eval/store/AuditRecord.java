package io.ragplatform.eval.store;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One governance audit of the corpus, as stored in {@code governance.audits}: totals, counts by dimension, and what
 * changed since the previous audit.
 *
 * @param auditId unique in the store
 * @param createdAt ISO-8601 instant (UTC, microseconds, as an Iceberg {@code timestamptz} holds it)
 * @param trigger what made it: {@code scheduled} or {@code manual}
 * @param indexVersion the index version audited
 * @param documents documents stored
 * @param chunks distinct chunks stored
 * @param occurrences chunk occurrences (a chunk in two documents counts twice)
 * @param counts counts by dimension and value, e.g. {@code documents_by_license -> {mit -> 3}}; keys sorted
 * @param changes what changed since {@code previousAuditId}
 * @param previousAuditId the audit compared with, or null for the first
 */
public record AuditRecord(
        String auditId,
        String createdAt,
        String trigger,
        long indexVersion,
        long documents,
        long chunks,
        long occurrences,
        Map<String, Map<String, Long>> counts,
        Changes changes,
        String previousAuditId) {
    /** Documents added, updated (a new version), deleted and erased since the previous audit. */
    public record Changes(int added, int updated, int deleted, int erased) {
        public static final Changes NONE = new Changes(0, 0, 0, 0);
    }

    public AuditRecord {
        Objects.requireNonNull(auditId, "auditId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(changes, "changes");
        createdAt = RunPins.normalizeInstant(createdAt);
        Map<String, Map<String, Long>> sorted = new TreeMap<>();
        counts.forEach(
                (dimension, values) -> sorted.put(dimension, Collections.unmodifiableMap(new TreeMap<>(values))));
        counts = Collections.unmodifiableMap(sorted);
    }

    /** The share of chunk occurrences that reuse a chunk stored for another document: 1 - chunks / occurrences. */
    public double exactDuplicateShare() {
        return occurrences == 0 ? 0 : 1 - (double) chunks / occurrences;
    }

    /** The counts of one dimension (empty when none). */
    public Map<String, Long> count(String dimension) {
        return counts.getOrDefault(dimension, Map.of());
    }
}
