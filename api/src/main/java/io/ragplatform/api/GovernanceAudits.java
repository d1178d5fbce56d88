package io.ragplatform.api;

import io.quarkus.scheduler.Scheduled;
import io.ragplatform.eval.store.AuditDocument;
import io.ragplatform.eval.store.AuditRecord;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.RagIndex;
import io.ragplatform.ingest.dedup.NearDuplicate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The governance audit of the corpus: documents and chunks by source, licence, language and content type, exact and
 * near duplicates, PII by type, refusals by reason, and what changed since the previous stored audit (added, updated,
 * deleted, erased). Stored audits go to {@code governance.audits} beside the evaluation tables, on demand and by
 * {@code rag.governance.audit-cron} (weekly by default).
 */
@ApplicationScoped
public class GovernanceAudits {
    private static final Logger LOG = Logger.getLogger(GovernanceAudits.class);
    /** The refusals an audit reads from the quarantine at most. */
    private static final int MAX_REFUSALS = 100_000;

    static final String SCHEDULED = "scheduled";
    static final String MANUAL = "manual";

    @Inject
    RagEngine engine;

    @Inject
    EvalService eval;

    @Inject
    QuarantineService quarantine;

    @Inject
    NearDuplicateService nearDuplicates;

    /** The audit of the corpus now, compared with the latest stored audit; not stored. */
    AuditRecord current() {
        return build(MANUAL, eval.store()).audit();
    }

    /** Audits the corpus now and stores the audit. */
    synchronized AuditRecord run(String trigger) {
        EvalStore store = eval.store();
        Built built = build(trigger, store);
        store.audits().save(built.audit(), built.documents());
        return built.audit();
    }

    @Scheduled(
            identity = "governance-audit",
            cron = "${rag.governance.audit-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            AuditRecord a = run(SCHEDULED);
            LOG.infof(
                    "governance audit %s: %d documents, %d chunks; since the previous: %s",
                    a.auditId(), a.documents(), a.chunks(), a.changes());
        } catch (RuntimeException e) {
            LOG.errorf(e, "the scheduled governance audit failed");
        }
    }

    /** A stored audit. */
    Optional<AuditRecord> stored(String auditId) {
        return eval.store().audits().list().stream()
                .filter(a -> a.auditId().equals(auditId))
                .findFirst();
    }

    List<AuditRecord> history() {
        return eval.store().audits().list();
    }

    private record Built(AuditRecord audit, List<AuditDocument> documents) {}

    private Built build(String trigger, EvalStore store) {
        RagIndex index = engine.index();
        long version = index.stats().indexVersion();
        Counts counts = new Counts();
        List<AuditDocument> seen = new ArrayList<>();
        Map<String, Integer> referrers = new HashMap<>();
        long occurrences = 0;
        for (String sourceId : index.sourceIds("")) {
            for (DocumentRecord d : index.documentsOfSource(sourceId, AccessScope.ALL)) {
                seen.add(new AuditDocument(d.documentId(), d.sourceId(), d.version(), d.contentHash()));
                String source = sourceOf(d.sourceId());
                int n = d.chunks().size();
                occurrences += n;
                counts.add("documents_by_source", source, 1);
                counts.add("documents_by_license", d.license(), 1);
                counts.add("documents_by_language", orNone(d.language()), 1);
                counts.add("documents_by_content_type", orNone(d.contentType()), 1);
                counts.add("chunks_by_source", source, n);
                counts.add("chunks_by_license", d.license(), n);
                counts.add("chunks_by_language", orNone(d.language()), n);
                d.pii().forEach((type, hits) -> counts.add("pii_by_type", type, hits));
                qualityFlags(d.quality(), counts);
                for (String id :
                        new HashSet<>(d.chunks().stream().map(ChunkRef::chunkId).toList())) {
                    referrers.merge(id, 1, Integer::sum);
                }
            }
        }
        long shared = referrers.values().stream().filter(r -> r > 1).count();
        counts.add("exact_duplicates", "chunks_in_several_documents", shared);
        nearDuplicateGroups(seen, counts);
        for (Views.QuarantineRecord r : quarantine.list(null, null, MAX_REFUSALS)) {
            counts.add("refusals_by_reason", r.reason(), 1);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<AuditRecord> history = store.audits().list();
        AuditRecord previous = history.isEmpty() ? null : history.getLast();
        AuditRecord.Changes changes = changes(previous, store, seen);
        AuditRecord audit = new AuditRecord(
                "audit-" + now.toEpochMilli() + "-" + (history.size() + 1),
                now.toString(),
                trigger,
                version,
                seen.size(),
                referrers.size(),
                occurrences,
                counts.values,
                changes,
                previous == null ? null : previous.auditId());
        return new Built(audit, seen);
    }

    /** A share from which a quality measure flags a document in the audit (a notice, not a refusal). */
    static final double FLAG_SHARE = 0.01;

    static final double FLAG_MAJORITY = 0.5;

    /**
     * Counts the document under each data-quality flag it raises ({@code quality_flags}): {@code needs_ocr},
     * {@code empty}, {@code pages_without_text}, {@code mojibake} and {@code replacement_characters} (share over
     * {@value #FLAG_SHARE}), {@code repeated_lines} and {@code boilerplate} (share over {@value #FLAG_MAJORITY}),
     * {@code low_language_confidence} (under {@value #FLAG_MAJORITY}), {@code not_measured} (stored before the checks).
     */
    private static void qualityFlags(io.ragplatform.ingest.QualityReport q, Counts counts) {
        if (q == null) {
            counts.add("quality_flags", "not_measured", 1);
            return;
        }
        flag(counts, "needs_ocr", q.needsOcr());
        flag(counts, "empty", q.characters() == 0);
        flag(counts, "pages_without_text", !q.pagesWithoutText().isEmpty());
        flag(counts, "mojibake", q.mojibakeShare() > FLAG_SHARE);
        flag(counts, "replacement_characters", q.replacementShare() > FLAG_SHARE);
        flag(counts, "repeated_lines", q.repeatedLineShare() > FLAG_MAJORITY);
        flag(counts, "boilerplate", q.boilerplateShare() > FLAG_MAJORITY);
        flag(counts, "low_language_confidence", q.languageConfidence() < FLAG_MAJORITY);
    }

    private static void flag(Counts counts, String flag, boolean raised) {
        if (raised) {
            counts.add("quality_flags", flag, 1);
        }
    }

    /** Groups of near-duplicate documents (connected components of the near-duplicate relation) and their sizes. */
    private void nearDuplicateGroups(List<AuditDocument> docs, Counts counts) {
        Map<String, String> parent = new HashMap<>();
        for (AuditDocument d : docs) {
            for (NearDuplicate n : nearDuplicates.of(d.documentId(), AccessScope.ALL)) {
                union(parent, d.documentId(), n.documentId());
            }
        }
        Map<String, Integer> sizes = new TreeMap<>();
        for (String id : parent.keySet()) {
            sizes.merge(find(parent, id), 1, Integer::sum);
        }
        counts.add("near_duplicates", "groups", sizes.size());
        counts.add(
                "near_duplicates",
                "documents",
                sizes.values().stream().mapToLong(Integer::longValue).sum());
    }

    private static String find(Map<String, String> parent, String id) {
        String root = id;
        while (!parent.getOrDefault(root, root).equals(root)) {
            root = parent.get(root);
        }
        parent.put(id, root);
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            // the smaller ID is the root: groups do not depend on the order documents were read in
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }

    /** What changed since {@code previous}: a document gone is erased when an erasure since then names it. */
    private AuditRecord.Changes changes(AuditRecord previous, EvalStore store, List<AuditDocument> now) {
        if (previous == null) {
            return new AuditRecord.Changes(now.size(), 0, 0, 0);
        }
        Map<String, AuditDocument> before = new HashMap<>();
        store.audits().documents(previous.auditId()).forEach(d -> before.put(d.documentId(), d));
        Set<String> erasedSince = new HashSet<>();
        Instant since = Instant.parse(previous.createdAt());
        for (Tombstones.Tombstone t : engine.tombstones().all()) {
            if (Instant.parse(t.erasedAt()).isAfter(since)) {
                t.documents().forEach(d -> erasedSince.add(d.documentId()));
            }
        }
        int added = 0;
        int updated = 0;
        Set<String> current = new HashSet<>();
        for (AuditDocument d : now) {
            current.add(d.documentId());
            AuditDocument b = before.get(d.documentId());
            if (b == null) {
                added++;
            } else if (b.version() != d.version() || !java.util.Objects.equals(b.contentHash(), d.contentHash())) {
                updated++;
            }
        }
        int deleted = 0;
        int erased = 0;
        for (String id : before.keySet()) {
            if (!current.contains(id)) {
                if (erasedSince.contains(id)) {
                    erased++;
                } else {
                    deleted++;
                }
            }
        }
        return new AuditRecord.Changes(added, updated, deleted, erased);
    }

    /**
     * The source a document counts under: its sourceId up to the first {@code /} (a directory source's name, an
     * upload's prefix), or the whole sourceId when it has none.
     */
    static String sourceOf(String sourceId) {
        int slash = sourceId.indexOf('/');
        return slash > 0 ? sourceId.substring(0, slash) : sourceId;
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "(none)" : value;
    }

    /** Counts by dimension and value, sorted. */
    private static final class Counts {
        final Map<String, Map<String, Long>> values = new TreeMap<>();

        void add(String dimension, String value, long n) {
            values.computeIfAbsent(dimension, k -> new TreeMap<>()).merge(value, n, Long::sum);
        }
    }
}
