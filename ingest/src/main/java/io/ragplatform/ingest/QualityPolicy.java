package io.ragplatform.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The data-quality checks that refuse a file ({@link RejectReason#QUALITY_CHECK}): a file is refused when one of its
 * documents fails one of them. Every document's {@link QualityReport} is computed whatever the policy.
 *
 * @param checks in the order they were written; the first one a document fails is the one its refusal names
 */
public record QualityPolicy(List<QualityCheck> checks) {
    /** No check: nothing is refused for its quality (the default). */
    public static final QualityPolicy NONE = new QualityPolicy(List.of());

    public QualityPolicy {
        checks = List.copyOf(checks);
    }

    /**
     * The checks written as comma-separated terms, e.g. {@code "empty, mojibake>0.05, needs-ocr"} (see {@link
     * QualityCheck#parse}); null or blank is {@link #NONE}, empty terms are skipped.
     *
     * @throws IllegalArgumentException naming the first term that is not a check
     */
    public static QualityPolicy parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<QualityCheck> checks = new ArrayList<>();
        for (String term : text.split(",")) {
            if (!term.isBlank()) {
                checks.add(QualityCheck.parse(term));
            }
        }
        return new QualityPolicy(checks);
    }

    /** The first check a document with this report fails, if any. */
    public Optional<QualityCheck> failed(QualityReport report) {
        return checks.stream().filter(c -> c.fails(report)).findFirst();
    }

    /** The checks as written in configuration, comma-separated. */
    @Override
    public String toString() {
        return checks.stream().map(QualityCheck::toString).collect(Collectors.joining(","));
    }
}
