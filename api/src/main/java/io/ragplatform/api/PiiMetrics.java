package io.ragplatform.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ragplatform.index.DocumentOutcome;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.UpsertResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code rag_pii_found_total{type}}: the personal data and secrets in the documents that uploads, directory syncs and
 * BEIR imports created or changed (redacted, or only counted in flag mode), from each stored document's {@code pii}.
 */
@ApplicationScoped
public class PiiMetrics {
    private final MeterRegistry registry;

    PiiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts what the documents of {@code result} that were created or updated hold, read from {@code stored}. */
    void count(List<DocumentRecord> stored, UpsertResult result) {
        Set<String> changed = new HashSet<>();
        for (DocumentOutcome o : result.documents()) {
            if (o.status() != DocumentOutcome.Status.UNCHANGED) {
                changed.add(o.documentId());
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        for (DocumentRecord r : stored) {
            if (changed.contains(r.documentId())) {
                r.pii()
                        .forEach((type, n) -> Counter.builder("rag.pii.found")
                                .description(
                                        "personal data and secrets found in ingested documents (redacted unless flag)")
                                .tag("type", type)
                                .register(registry)
                                .increment(n));
            }
        }
    }
}
