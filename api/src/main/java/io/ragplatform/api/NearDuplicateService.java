package io.ragplatform.api;

import io.ragplatform.index.AccessScope;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.Occurrence;
import io.ragplatform.index.SearchHit;
import io.ragplatform.ingest.dedup.NearDuplicate;
import io.ragplatform.ingest.dedup.NearDuplicateOptions;
import io.ragplatform.ingest.dedup.NearDuplicates;
import io.ragplatform.ingest.dedup.Signature;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The near-duplicate index of the stored documents: their MinHash signatures (computed at preparation, stored on each
 * document record) in an LSH index in memory, loaded from the index on first use and kept current by every upload,
 * sync, import and delete. Documents stored before signatures existed take part once they are prepared again.
 */
@ApplicationScoped
public class NearDuplicateService {
    private final RagEngine engine;
    private final NearDuplicates index;
    private final double threshold;
    /** The documentIds indexed per sourceId, so that a source's re-upload or delete replaces exactly them. */
    private final Map<String, List<String>> bySource = new HashMap<>();

    private boolean loaded;

    NearDuplicateService(RagEngine engine, RagConfig config) {
        this.engine = engine;
        this.threshold = config.governance().nearDuplicateThreshold();
        if (!(threshold > 0 && threshold <= 1)) {
            throw io.ragplatform.error.RagException.invalid(
                    "invalid_config", "rag.governance.near-duplicate-threshold must be in (0, 1]; was " + threshold);
        }
        this.index = new NearDuplicates(NearDuplicateOptions.defaults().withThreshold(threshold));
    }

    /** The documents that {@code access} may read whose similarity with the document reaches the threshold. */
    synchronized List<NearDuplicate> of(String documentId, AccessScope access) {
        load();
        List<NearDuplicate> out = new ArrayList<>();
        for (NearDuplicate d : index.nearDuplicatesOf(documentId, threshold)) {
            if (engine.index().document(d.documentId(), access).isPresent()) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * A ranked hit and the hits of near-duplicate documents folded into it ({@code collapse=near-duplicates}), best
     * first.
     */
    record Collapsed(SearchHit hit, List<SearchHit> folded) {}

    /**
     * The first {@code k} hits that stand for themselves, each with the later hits folded into it, walking the ranked
     * hits best first. A hit's documents are those of its occurrences. A document of a kept hit represents itself
     * unless it is a near-duplicate (at the threshold) of a document already represented; a hit is folded when every
     * one of its documents is a near-duplicate of a represented document and none represents itself, into the
     * best-ranked kept hit whose documents those are; a hit with a document of its own is kept. So among
     * near-duplicate documents, the one with the best hit keeps its hits and the others' hits fold into them, while
     * the different chunks of one document all stay. Only the hits' documents are compared with each other: they are
     * what the search let the caller read, so a document the caller cannot read (or the filter left out) neither
     * folds a hit nor shows. Hits after the {@code k}-th kept one are not looked at.
     */
    synchronized List<Collapsed> collapse(List<SearchHit> ranked, int k) {
        load();
        List<Collapsed> kept = new ArrayList<>();
        // a represented documentId -> the index in kept of the hit that represents it
        Map<String, Integer> represented = new HashMap<>();
        for (SearchHit hit : ranked) {
            int self = kept.size();
            boolean own = hit.sources().isEmpty();
            int into = Integer.MAX_VALUE;
            for (String doc : hit.sources().stream()
                    .map(Occurrence::documentId)
                    .distinct()
                    .toList()) {
                if (represented.containsKey(doc)) {
                    own = true;
                    continue;
                }
                int by = index.nearDuplicatesOf(doc, threshold).stream()
                        .map(d -> represented.get(d.documentId()))
                        .filter(java.util.Objects::nonNull)
                        .min(Integer::compare)
                        .orElse(-1);
                if (by < 0) {
                    represented.put(doc, self);
                    own = true;
                } else if (by != self) {
                    into = Math.min(into, by);
                }
            }
            if (own) {
                if (self == k) {
                    break;
                }
                kept.add(new Collapsed(hit, new ArrayList<>()));
            } else {
                kept.get(into).folded().add(hit);
            }
        }
        return kept;
    }

    /** Replaces the documents of {@code sourceId} after a write (upload, sync, import, delete) by {@code stored}. */
    synchronized void refresh(String sourceId, List<DocumentRecord> stored) {
        if (!loaded) {
            return;
        }
        for (String id : bySource.getOrDefault(sourceId, List.of())) {
            index.remove(id);
        }
        bySource.remove(sourceId);
        add(sourceId, stored);
    }

    private void load() {
        if (loaded) {
            return;
        }
        for (String sourceId : engine.index().sourceIds("")) {
            add(sourceId, engine.index().documentsOfSource(sourceId, AccessScope.ALL));
        }
        loaded = true;
    }

    private void add(String sourceId, List<DocumentRecord> docs) {
        List<String> ids = new ArrayList<>();
        for (DocumentRecord r : docs) {
            if (r.signature() != null) {
                index.add(
                        r.documentId(), Signature.fromBytes(Base64.getDecoder().decode(r.signature())));
                ids.add(r.documentId());
            }
        }
        if (!ids.isEmpty()) {
            bySource.put(sourceId, ids);
        }
    }
}
