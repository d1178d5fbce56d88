package io.ragplatform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ragplatform.ingest.DocumentPreparer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The quarantine: one record per sourceId whose file was refused or failed, until a later success of that sourceId
 * clears it, an admin deletes it, or it is the least recently seen of more than {@code maxRecords}.
 *
 * <p>Stored in {@code <dir>/records.json}, the whole set sorted by ID, rewritten at each change to a temporary file and
 * moved over the old one atomically (a crash leaves the old set or the new one, never half of one). The bytes of a
 * refused upload (or BEIR document) are kept in {@code <dir>/files/<id>} so that a retry can ingest them again: each
 * up to {@code maxBytesEach}, all together up to {@code maxBytesTotal}; beyond that the record says {@code bytesKept:
 * false}. A source's file is not copied: the source holds it. Thread-safe within one service (one lock for all).
 */
final class QuarantineStore {
    private static final Logger LOG = Logger.getLogger(QuarantineStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int MAX_MESSAGE = 2000;

    /** Where a quarantined file came from, and so how a retry gets its bytes. */
    static final String UPLOAD = "upload";

    static final String SOURCE = "source";
    static final String BEIR = "beir";

    /**
     * What failed: the file's sourceId and origin ({@code upload}, {@code source}, {@code beir}), the source or set it
     * came with, its name, the stage and reason code, the message, and what a retry stores it with.
     */
    record Failure(
            String sourceId,
            String origin,
            String source,
            String fileName,
            String stage,
            String reason,
            String message,
            Map<String, String> metadata,
            List<String> acl) {}

    private record Stored(List<Views.QuarantineRecord> records) {}

    private final Path dir;
    private final Path file;
    private final int maxRecords;
    private final long maxBytesEach;
    private final long maxBytesTotal;
    /** By sourceId; the ID is derived from it. */
    private final Map<String, Views.QuarantineRecord> bySource = new HashMap<>();

    QuarantineStore(Path dir, int maxRecords, long maxBytesEach, long maxBytesTotal) {
        this.dir = dir;
        this.file = dir.resolve("records.json");
        this.maxRecords = maxRecords;
        this.maxBytesEach = maxBytesEach;
        this.maxBytesTotal = maxBytesTotal;
        load();
    }

    /** The stable ID of a sourceId's record: the first 16 bytes of SHA-256 over it, hex. */
    static String idOf(String sourceId) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("quarantine\0" + sourceId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records a failure of {@code failure.sourceId()}: a new record with one attempt, or the existing one with one more
     * attempt, this failure's hash, stage, reason and message, and {@code lastSeen} now. {@code bytes} (null: none) is
     * the failed file; its SHA-256 is the record's content hash, and for an upload or a BEIR document a copy is kept.
     */
    synchronized Views.QuarantineRecord record(Failure failure, Path bytes) {
        String id = idOf(failure.sourceId());
        String now = Instant.now().toString();
        String hash = null;
        long size = -1;
        if (bytes != null && Files.isRegularFile(bytes)) {
            hash = DocumentPreparer.fileHash(bytes);
            size = size(bytes);
        }
        Views.QuarantineRecord before = bySource.get(failure.sourceId());
        if (before == null) {
            // room first, so that the bytes of evicted records count no more against the budget
            evict(maxRecords - 1);
        }
        boolean kept = false;
        // erased bytes are never kept again: their refusal is recorded, their text is not
        boolean erased = io.ragplatform.ingest.RejectReason.ERASED.code().equals(failure.reason());
        if (bytes != null && !SOURCE.equals(failure.origin()) && !erased && size >= 0 && size <= maxBytesEach) {
            long others = keptBytes() - (before != null && before.bytesKept() ? Math.max(before.size(), 0) : 0);
            if (others + size <= maxBytesTotal) {
                kept = keep(id, bytes);
            }
        }
        if (!kept && before != null && before.bytesKept()) {
            deleteBytes(id);
        }
        Views.QuarantineRecord r = new Views.QuarantineRecord(
                id,
                failure.sourceId(),
                failure.origin(),
                failure.source(),
                failure.fileName(),
                size,
                hash,
                failure.stage(),
                failure.reason(),
                clip(failure.message()),
                before == null ? now : before.firstSeen(),
                now,
                before == null ? 1 : before.attempts() + 1,
                failure.metadata() == null ? Map.of() : new TreeMap<>(failure.metadata()),
                failure.acl() == null ? List.of() : List.copyOf(failure.acl()),
                kept);
        bySource.put(failure.sourceId(), r);
        save();
        return r;
    }

    /** Removes the record of that sourceId, if any (a success of the source); a no-op, without a write, when none. */
    synchronized boolean clear(String sourceId) {
        Views.QuarantineRecord r = bySource.remove(sourceId);
        if (r == null) {
            return false;
        }
        deleteBytes(r.id());
        save();
        return true;
    }

    /** Removes the record of that ID and its kept bytes; false when there is none. */
    synchronized boolean delete(String id) {
        Optional<Views.QuarantineRecord> r = get(id);
        return r.isPresent() && clear(r.get().sourceId());
    }

    synchronized Optional<Views.QuarantineRecord> get(String id) {
        return bySource.values().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * Records newest first (last seen, then ID): those of that reason code (null: any) whose sourceId starts with
     * {@code sourcePrefix} (null: any), at most {@code limit}.
     */
    synchronized List<Views.QuarantineRecord> list(String reason, String sourcePrefix, int limit) {
        return bySource.values().stream()
                .filter(r -> reason == null || reason.equals(r.reason()))
                .filter(r -> sourcePrefix == null || r.sourceId().startsWith(sourcePrefix))
                .sorted(newestFirst())
                .limit(limit)
                .toList();
    }

    /** The kept bytes of a record, if they are kept. */
    synchronized Optional<Path> bytes(String id) {
        Path p = dir.resolve("files").resolve(id);
        return get(id).filter(Views.QuarantineRecord::bytesKept)
                .filter(r -> Files.isRegularFile(p))
                .map(r -> p);
    }

    /** Whether the sourceId is quarantined with exactly the bytes of {@code candidate} (same size, same SHA-256). */
    boolean holds(String sourceId, Path candidate) {
        Views.QuarantineRecord r;
        synchronized (this) {
            r = bySource.get(sourceId);
        }
        return r != null
                && r.contentHash() != null
                && r.size() == size(candidate)
                && r.contentHash().equals(DocumentPreparer.fileHash(candidate));
    }

    private static Comparator<Views.QuarantineRecord> newestFirst() {
        return Comparator.comparing((Views.QuarantineRecord r) -> Instant.parse(r.lastSeen()))
                .reversed()
                .thenComparing(Views.QuarantineRecord::id);
    }

    /** Drops the least recently seen records (and their bytes) beyond {@code keep}. */
    private void evict(int keep) {
        if (bySource.size() <= keep) {
            return;
        }
        List<Views.QuarantineRecord> all = new ArrayList<>(bySource.values());
        all.sort(newestFirst());
        for (Views.QuarantineRecord r : all.subList(Math.max(keep, 0), all.size())) {
            bySource.remove(r.sourceId());
            deleteBytes(r.id());
        }
    }

    private long keptBytes() {
        return bySource.values().stream()
                .filter(Views.QuarantineRecord::bytesKept)
                .mapToLong(r -> Math.max(r.size(), 0))
                .sum();
    }

    private boolean keep(String id, Path bytes) {
        try {
            Path files = Files.createDirectories(dir.resolve("files"));
            Path tmp = files.resolve(id + ".tmp");
            Files.copy(bytes, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, files.resolve(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            // the record matters more than the copy: without it a retry says to upload again
            LOG.warnf("cannot keep the bytes of quarantined %s: %s", id, e.getMessage());
            return false;
        }
    }

    private void deleteBytes(String id) {
        try {
            Files.deleteIfExists(dir.resolve("files").resolve(id));
        } catch (IOException e) {
            LOG.warnf("cannot delete the kept bytes of quarantined %s: %s", id, e.getMessage());
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private static String clip(String message) {
        return message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (Views.QuarantineRecord r :
                    JSON.readValue(file.toFile(), Stored.class).records()) {
                bySource.put(r.sourceId(), r);
            }
            // a lower rag.quarantine.max-records than the one they were kept under
            evict(maxRecords);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the quarantine " + file + ": " + e.getMessage(), e);
        }
    }

    private void save() {
        List<Views.QuarantineRecord> sorted = new ArrayList<>(bySource.values());
        sorted.sort(Comparator.comparing(Views.QuarantineRecord::id));
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("records.json.tmp");
            JSON.writeValue(tmp.toFile(), new Stored(sorted));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the quarantine " + file + ": " + e.getMessage(), e);
        }
    }
}
