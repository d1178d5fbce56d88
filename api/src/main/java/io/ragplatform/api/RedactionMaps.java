package io.ragplatform.api;

import io.ragplatform.error.RagException;
import io.ragplatform.ingest.pii.PiiHit;
import io.ragplatform.ingest.pii.RedactionKey;
import io.ragplatform.ingest.pii.RedactionMap;
import io.ragplatform.ingest.pii.RedactionSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The redaction maps of documents (placeholder → original), kept apart from the index under {@code
 * <data dir>/redaction}, one directory per source (named by a hash of its sourceId) and one file per document, each
 * encrypted ({@link RedactionMap}, AES-256-GCM) with the key of {@code rag.governance.redaction-key}. Without that key
 * no map is kept at all. A map is written when its document is prepared, removed when it is prepared again without
 * redactions, and removed with the document ({@link #keepOnly}).
 */
final class RedactionMaps implements RedactionSink {
    private static final Pattern DOCUMENT_ID = Pattern.compile("[0-9a-f]{32}");
    private static final String SUFFIX = ".map";

    private final Path dir;
    private final RedactionKey key;

    RedactionMaps(Path dir, RedactionKey key) {
        this.dir = dir;
        this.key = key;
    }

    /** The maps under {@code dir}, if a secret is configured. */
    static Optional<RedactionMaps> of(Path dir, Optional<String> secret) {
        if (secret.isEmpty() || secret.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RedactionMaps(dir, RedactionKey.fromSecret(secret.get())));
        } catch (IllegalArgumentException e) {
            throw RagException.invalid("invalid_config", "rag.governance.redaction-key: " + e.getMessage());
        }
    }

    @Override
    public void redacted(String sourceId, String documentId, List<PiiHit> hits) {
        Path file = file(sourceId, documentId);
        try {
            if (hits.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), documentId, ".tmp");
            Files.write(tmp, RedactionMap.encrypt(hits, key));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the redaction map of " + documentId, e);
        }
    }

    /** The document's redactions, or empty when it has none (nothing was redacted, or it was stored before). */
    List<PiiHit> read(String sourceId, String documentId) {
        try {
            return RedactionMap.decrypt(Files.readAllBytes(file(sourceId, documentId)), key);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the redaction map of " + documentId, e);
        }
    }

    /** Removes the maps of the source's documents that are not among {@code documentIds} (deleted, or dropped). */
    void keepOnly(String sourceId, Set<String> documentIds) {
        Path source = dir.resolve(sourceDir(sourceId));
        if (!Files.isDirectory(source)) {
            return;
        }
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                String id = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
                if (!documentIds.contains(id)) {
                    Files.deleteIfExists(f);
                }
            }
            if (documentIds.isEmpty()) {
                Files.deleteIfExists(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the redaction maps of " + sourceId, e);
        }
    }

    private Path file(String sourceId, String documentId) {
        if (!DOCUMENT_ID.matcher(documentId).matches()) {
            throw new IllegalArgumentException("not a document ID: " + documentId);
        }
        return dir.resolve(sourceDir(sourceId)).resolve(documentId + SUFFIX);
    }

    /** A directory name for a sourceId (which may hold slashes and any character): its SHA-256, hex. */
    private static String sourceDir(String sourceId) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(sourceId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
