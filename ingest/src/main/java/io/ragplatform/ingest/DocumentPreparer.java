package io.ragplatform.ingest;

import io.ragplatform.ingest.dedup.MinHash;
import io.ragplatform.ingest.dedup.NearDuplicateOptions;
import io.ragplatform.ingest.pii.PiiHit;
import io.ragplatform.ingest.pii.PiiMode;
import io.ragplatform.ingest.pii.PiiPolicy;
import io.ragplatform.ingest.pii.RedactionSink;
import io.ragplatform.ingest.pii.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes to {@link PreparedUpload}: extract, canonicalize, chunk, hash. Stateless and thread-safe; touches no store.
 */
public final class DocumentPreparer {
    /** Longest accepted {@code sourceId}, in bytes of its UTF-8 encoding. */
    public static final int MAX_SOURCE_ID_BYTES = 1024;
    /** Largest accepted user metadata, in bytes of its UTF-8 JSON object ({@link #metadataJsonBytes}). */
    public static final int MAX_METADATA_BYTES = 64 * 1024;

    private final Extractor extractor;
    private final Canonicalizer canonicalizer;
    private final Chunker chunker;
    private final LanguageDetector languages;
    private final LicensePolicy licenses;
    private final PiiPolicy pii;
    private final RedactionSink redactions;
    private final QualityPolicy quality;
    private final Redactor redactor = Redactor.standard();
    private final MinHash minHash = new MinHash(NearDuplicateOptions.defaults());

    /**
     * A preparer under {@link LicensePolicy#DEFAULT}: no licence denied, untagged files of unknown licence (see {@link
     * #withLicenses}).
     */
    public DocumentPreparer(
            Extractor extractor, Canonicalizer canonicalizer, Chunker chunker, LanguageDetector languages) {
        this.extractor = extractor;
        this.canonicalizer = canonicalizer;
        this.chunker = chunker;
        this.languages = languages;
        this.licenses = LicensePolicy.DEFAULT;
        this.pii = PiiPolicy.OFF;
        this.redactions = RedactionSink.NONE;
        this.quality = QualityPolicy.NONE;
    }

    private DocumentPreparer(
            DocumentPreparer stages,
            LicensePolicy licenses,
            PiiPolicy pii,
            RedactionSink redactions,
            QualityPolicy quality) {
        this.extractor = stages.extractor;
        this.canonicalizer = stages.canonicalizer;
        this.chunker = stages.chunker;
        this.languages = stages.languages;
        this.licenses = java.util.Objects.requireNonNull(licenses, "licenses");
        this.pii = java.util.Objects.requireNonNull(pii, "pii");
        this.redactions = java.util.Objects.requireNonNull(redactions, "redactions");
        this.quality = java.util.Objects.requireNonNull(quality, "quality");
    }

    /** This preparer's stages under another licence policy (which licence files get, which are refused). */
    public DocumentPreparer withLicenses(LicensePolicy licenses) {
        return new DocumentPreparer(this, licenses, pii, redactions, quality);
    }

    /** Which licence a file's documents get and which ones are refused. */
    public LicensePolicy licenses() {
        return licenses;
    }

    /**
     * This preparer's stages with personal data and secrets redacted (or flagged) as the policy says for each file's
     * source, before chunking and hashing ({@link Redactor#standard()}); {@link PiiPolicy#OFF} by default.
     */
    public DocumentPreparer withPii(PiiPolicy pii) {
        return withPii(pii, RedactionSink.NONE);
    }

    /** {@link #withPii(PiiPolicy)}, handing each redacted document's originals to {@code redactions}. */
    public DocumentPreparer withPii(PiiPolicy pii, RedactionSink redactions) {
        return new DocumentPreparer(this, licenses, pii, redactions, quality);
    }

    /**
     * This preparer's stages refusing files whose documents fail one of the policy's data-quality checks
     * ({@link RejectReason#QUALITY_CHECK}); {@link QualityPolicy#NONE} by default. Every document's {@link
     * QualityReport} is measured whatever the policy, and the checks change no chunk: the pipeline version stays.
     */
    public DocumentPreparer withQuality(QualityPolicy quality) {
        return new DocumentPreparer(this, licenses, pii, redactions, quality);
    }

    /** The data-quality checks that refuse a file. */
    public QualityPolicy quality() {
        return quality;
    }

    /**
     * The canonicalizer version and the chunker's signature: what, besides the bytes, decides the chunks. Stored with
     * each document; a document prepared under another pipeline is re-prepared even when its bytes are unchanged.
     */
    public String pipelineVersion() {
        return canonicalizer.version() + "/" + chunker.signature();
    }

    /**
     * The pipeline a file stored under {@code sourceId} is prepared by: {@link #pipelineVersion()}, and the redactor's
     * version and mode when its source's {@link PiiMode} is not off, so that a change of either re-prepares the file.
     */
    public String pipelineVersion(String sourceId) {
        PiiMode mode = pii.modeOf(sourceId);
        return mode == PiiMode.OFF
                ? pipelineVersion()
                : pipelineVersion() + "/" + redactor.version() + "-"
                        + mode.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** SHA-256 of a file's bytes, streamed. */
    public static String fileHash(Path file) {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Prepares one uploaded file. The request is checked before the file is read: a sourceId of at most
     * {@value #MAX_SOURCE_ID_BYTES} UTF-8 bytes, user metadata of at most {@value #MAX_METADATA_BYTES} bytes as JSON,
     * a valid acl ({@link Acl#of}), a licence (the metadata's {@value License#METADATA_KEY}, else the policy's default)
     * that the policy does not deny.
     *
     * @param acl who may read the file's documents; embedded documents (attachments, messages) inherit it
     * @throws DocumentRejectedException when the file or the request cannot become documents
     */
    public PreparedUpload prepare(
            Path file, String fileName, String sourceId, Map<String, String> userMetadata, List<String> acl) {
        checkSourceId(sourceId);
        List<String> normalizedAcl = Acl.of(acl);
        checkMetadata(userMetadata);
        String license = licenses.resolve(userMetadata, null, shown(fileName));
        List<ExtractedDocument> extracted = extractor.extract(file, fileName);
        String rootId = documentId(sourceId, "");
        List<PreparedDocument> docs = new ArrayList<>(extracted.size());
        PiiMode mode = pii.modeOf(sourceId);
        Map<String, List<PiiHit>> originals = new java.util.LinkedHashMap<>();
        for (ExtractedDocument e : extracted) {
            Redacting redacting = Redacting.apply(redactor, mode, canonicalizer.canonicalize(e), e.metadata());
            CanonicalText text = redacting.text();
            Map<String, String> properties = redacting.properties();
            List<Chunk> chunks = chunker.chunk(text);
            String parentPath = e.parentPath();
            String parentId = parentPath == null ? null : documentId(sourceId, parentPath);
            Map<String, String> metadata = e.isRoot() ? userMetadata : Map.of();
            String contentHash = Hashing.sha256("content", canonicalizer.hashVersion(), text.text());
            LanguageDetector.Detection language = languages.identify(text.text());
            DocumentIdentity identity = new DocumentIdentity(
                    e.isRoot() ? rootId : documentId(sourceId, e.path()),
                    sourceId,
                    e.path(),
                    parentId,
                    e.contentType(),
                    language.language());
            if (mode == PiiMode.REDACT) {
                originals.put(identity.documentId(), redacting.hits());
            }
            docs.add(new PreparedDocument(
                    identity,
                    properties,
                    metadata,
                    contentHash,
                    metadataHash(e.contentType(), properties, metadata),
                    text.text().length(),
                    chunks,
                    redacting.counts(),
                    text.isEmpty()
                            ? null
                            : java.util.Base64.getEncoder()
                                    .encodeToString(
                                            minHash.signature(text.text()).toBytes()),
                    QualityMeasures.measure(e, text, chunks, language)));
        }
        boolean anyChunk = docs.stream().anyMatch(d -> !d.chunks().isEmpty());
        if (!anyChunk) {
            throw DocumentRejectedException.inChunking(
                    RejectReason.NO_TEXT,
                    shown(fileName) + " contains no text once page furniture and boilerplate are removed");
        }
        checkQuality(docs, fileName);
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
        originals.forEach((documentId, hits) -> redactions.redacted(sourceId, documentId, hits));
        return new PreparedUpload(
                sourceId, fileHash(file), size, pipelineVersion(sourceId), normalizedAcl, license, docs);
    }

    /**
     * Refuses the file when one of its documents fails a check of the quality policy: the first document, in document
     * order, and the first check it fails, named in the message with what was measured.
     */
    private void checkQuality(List<PreparedDocument> docs, String fileName) {
        for (PreparedDocument d : docs) {
            var failed = quality.failed(d.quality());
            if (failed.isPresent()) {
                throw DocumentRejectedException.inChunking(
                        RejectReason.QUALITY_CHECK,
                        shown(fileName) + " refused by data-quality check "
                                + failed.get() + ": " + failed.get().measured(d.quality())
                                + (d.path().isEmpty() ? "" : " in its embedded document " + d.path()));
            }
        }
    }

    /** How a message names the file: {@code 'name'}, or "the file" when it came without a name. */
    private static String shown(String fileName) {
        return fileName == null ? "the file" : "'" + fileName + "'";
    }

    /** The stable document ID of the document at {@code path} in the file named {@code sourceId}. */
    public static String documentId(String sourceId, String path) {
        return Hashing.id128("document", sourceId, path);
    }

    static String metadataHash(String contentType, Map<String, String> properties, Map<String, String> metadata) {
        StringBuilder sb = new StringBuilder(contentType).append('\n');
        new TreeMap<>(properties)
                .forEach((k, v) ->
                        sb.append("p:").append(k).append('=').append(v).append('\n'));
        new TreeMap<>(metadata)
                .forEach((k, v) ->
                        sb.append("m:").append(k).append('=').append(v).append('\n'));
        return Hashing.sha256("metadata", sb.toString());
    }

    private static void checkMetadata(Map<String, String> metadata) {
        if (metadata == null) {
            throw new DocumentRejectedException(RejectReason.INVALID_REQUEST, "metadata must not be null");
        }
        long bytes = metadataJsonBytes(metadata);
        if (bytes > MAX_METADATA_BYTES) {
            throw new DocumentRejectedException(
                    RejectReason.INVALID_REQUEST,
                    "metadata is " + bytes + " bytes as JSON; the limit is " + MAX_METADATA_BYTES + " bytes (64 KB)");
        }
    }

    /**
     * The size of {@code metadata} as a compact JSON object of strings in UTF-8 ({@code {"k":"v",...}}, the escapes
     * JSON requires): what the limit {@value #MAX_METADATA_BYTES} is measured on, whatever JSON the caller sent.
     */
    static long metadataJsonBytes(Map<String, String> metadata) {
        long n = 2 + Math.max(0, metadata.size() - 1); // braces, commas
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            n += jsonStringBytes(e.getKey()) + 1 + jsonStringBytes(e.getValue()); // colon
        }
        return n;
    }

    private static long jsonStringBytes(String s) {
        if (s == null) {
            return 4; // null
        }
        long n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                n += 2;
            } else if (c < 0x20) {
                n += 6;
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static void checkSourceId(String sourceId) {
        if (sourceId == null || sourceId.isBlank()) {
            throw new DocumentRejectedException(RejectReason.INVALID_REQUEST, "sourceId must not be blank");
        }
        int bytes = sourceId.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOURCE_ID_BYTES) {
            throw new DocumentRejectedException(
                    RejectReason.INVALID_REQUEST,
                    "sourceId is " + bytes + " bytes in UTF-8; the limit is " + MAX_SOURCE_ID_BYTES + " bytes (1 KB)");
        }
        if (sourceId.chars().anyMatch(Character::isISOControl)) {
            throw new DocumentRejectedException(
                    RejectReason.INVALID_REQUEST, "sourceId must not contain control characters");
        }
    }
}
