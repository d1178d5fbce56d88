package io.ragplatform.ingest.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An in-memory near-duplicate index over signatures of one {@link NearDuplicateOptions}. LSH banding: each signature
 * is cut into {@code bands} bands of {@code rows} values, and documents sharing a band's values are candidates
 * ({@link NearDuplicateOptions#candidateProbability}). Candidates are then verified by the signatures' estimated
 * Jaccard similarity; the shingle sets are not kept (a signature is 16 + 8k bytes), so there is no exact refinement:
 * pairs within about 0.04 of the threshold can fall on either side. Results are ordered by similarity, highest first,
 * then by document ID. Signatures without shingles are kept but are never candidates. Thread-safe (one lock).
 */
public final class NearDuplicates {
    private static final Comparator<NearDuplicate> ORDER =
            Comparator.comparingDouble(NearDuplicate::similarity).reversed().thenComparing(NearDuplicate::documentId);

    private final NearDuplicateOptions options;
    private final Map<String, Signature> signatures = new HashMap<>();
    private final List<Map<Long, Set<String>>> buckets = new ArrayList<>();

    public NearDuplicates(NearDuplicateOptions options) {
        this.options = options;
        for (int band = 0; band < options.bands(); band++) {
            buckets.add(new HashMap<>());
        }
    }

    /** Adds or replaces the document's signature. */
    public synchronized void add(String documentId, Signature signature) {
        Objects.requireNonNull(documentId, "documentId");
        check(signature);
        remove(documentId);
        signatures.put(documentId, signature);
        if (signature.shingles() > 0) {
            for (int band = 0; band < options.bands(); band++) {
                buckets.get(band)
                        .computeIfAbsent(key(signature, band), k -> new TreeSet<>())
                        .add(documentId);
            }
        }
    }

    /** Removes the document; false if it was not there. */
    public synchronized boolean remove(String documentId) {
        Signature old = signatures.remove(documentId);
        if (old == null) {
            return false;
        }
        if (old.shingles() > 0) {
            for (int band = 0; band < options.bands(); band++) {
                Map<Long, Set<String>> map = buckets.get(band);
                long key = key(old, band);
                Set<String> ids = map.get(key);
                ids.remove(documentId);
                if (ids.isEmpty()) {
                    map.remove(key);
                }
            }
        }
        return true;
    }

    public synchronized int size() {
        return signatures.size();
    }

    /** The document IDs sharing at least one band with the signature, sorted; unverified. */
    public synchronized SortedSet<String> candidates(Signature signature) {
        check(signature);
        SortedSet<String> out = new TreeSet<>();
        if (signature.shingles() > 0) {
            for (int band = 0; band < options.bands(); band++) {
                out.addAll(buckets.get(band).getOrDefault(key(signature, band), Set.of()));
            }
        }
        return out;
    }

    /** The indexed document's near-duplicates at the options' threshold (itself excluded); empty if unknown. */
    public List<NearDuplicate> nearDuplicatesOf(String documentId) {
        return nearDuplicatesOf(documentId, options.threshold());
    }

    /** The indexed document's near-duplicates at {@code threshold} (itself excluded); empty if unknown. */
    public synchronized List<NearDuplicate> nearDuplicatesOf(String documentId, double threshold) {
        Signature signature = signatures.get(documentId);
        return signature == null ? List.of() : verified(signature, threshold, documentId);
    }

    /** The indexed documents whose estimated Jaccard similarity with the signature is at least {@code threshold}. */
    public synchronized List<NearDuplicate> nearDuplicatesOf(Signature signature, double threshold) {
        return verified(signature, threshold, null);
    }

    private List<NearDuplicate> verified(Signature signature, double threshold, String self) {
        NearDuplicateOptions.checkThreshold(threshold);
        List<NearDuplicate> out = new ArrayList<>();
        for (String id : candidates(signature)) {
            double s = signature.estimatedJaccard(signatures.get(id));
            if (!id.equals(self) && s >= threshold) {
                out.add(new NearDuplicate(id, s));
            }
        }
        out.sort(ORDER);
        return out;
    }

    private void check(Signature signature) {
        if (signature.permutations() != options.permutations()
                || signature.seed() != options.seed()
                || signature.shingleSize() != options.shingleSize()) {
            throw new IllegalArgumentException(
                    "the signature was not made with this index's options " + options + ": " + signature);
        }
    }

    /** A 64-bit hash of the band's rows: a collision only adds a candidate, which verification drops. */
    private long key(Signature signature, int band) {
        long h = band;
        for (int row = band * options.rows(); row < (band + 1) * options.rows(); row++) {
            h = Shingles.mix(h * 31 + signature.value(row));
        }
        return h;
    }
}
