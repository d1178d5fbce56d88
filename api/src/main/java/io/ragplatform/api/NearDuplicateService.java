package io.ragplatform.api;

import io.ragplatform.index.AccessScope;
import io.ragplatform.index.DocumentRecord;
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
