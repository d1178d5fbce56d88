package io.ragplatform.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.AccessPermissionException;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Message;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;

/** {@link Extractor} on Apache Tika's {@link AutoDetectParser}, one document per embedded resource. */
final class TikaExtractor implements Extractor {
    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
    private static final Set<String> MARKDOWN_TYPES = Set.of("text/x-web-markdown", "text/markdown", "text/x-markdown");
    /** Types Tika recognises but extracts no text from without OCR or transcription. */
    private static final Set<String> NO_TEXT_TOP_TYPES = Set.of("image", "audio", "video", "font", "model");

    private final ExtractionLimits limits;
    private final Detector detector;
    private final TikaParsing parsing;
    private final Ocr ocr;

    /**
     * @param ocr the OCR the parse does (for this extractor's refusals; the parsing applies it)
     * @param parsing where the parse runs; closed with this extractor
     */
    TikaExtractor(ExtractionLimits limits, Ocr ocr, TikaParsing parsing) {
        this.limits = limits;
        this.ocr = ocr;
        this.detector = TikaConfig.getDefaultConfig().getDetector();
        this.parsing = parsing;
    }

    @Override
    public void close() {
        parsing.close();
    }

    @Override
    public List<ExtractedDocument> extract(Path file, String fileName) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new IngestException("cannot read uploaded file " + file, e);
        }
        String shownName = fileName == null || fileName.isBlank() ? "the file" : "'" + fileName + "'";
        if (size == 0) {
            throw new DocumentRejectedException(RejectReason.EMPTY_FILE, shownName + " is empty (0 bytes)");
        }
        if (size > limits.maxFileBytes()) {
            throw new DocumentRejectedException(
                    RejectReason.TOO_LARGE,
                    ExtractionLimits.Limit.FILE_BYTES,
                    shownName + " is " + size + " bytes; the limit is " + limits.maxFileBytes() + " bytes",
                    null);
        }
        Metadata metadata = named(fileName);
        MediaType type;
        try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
            type = detector.detect(in, metadata);
        } catch (IOException e) {
            throw new IngestException("cannot read uploaded file " + file, e);
        }
        String base = type.getBaseType().toString();
        if (MediaType.OCTET_STREAM.equals(type.getBaseType())) {
            throw new DocumentRejectedException(
                    RejectReason.UNSUPPORTED_TYPE,
                    shownName
                            + " is not a recognised document type (detected application/octet-stream: binary or garbage bytes)");
        }
        boolean image = "image".equals(type.getType());
        if (NO_TEXT_TOP_TYPES.contains(type.getType()) && !(image && ocr.reads(base))) {
            String why = !image
                    ? "transcription is not supported"
                    : ocr.enabled() ? "Tesseract does not read " + base : ocr.unavailable();
            throw new DocumentRejectedException(
                    RejectReason.UNSUPPORTED_TYPE,
                    image && !ocr.enabled() ? ExtractionLimits.Limit.OCR : null,
                    shownName + " is " + base + ", which has no extractable text (" + why + ")",
                    null);
        }

        // the parse would detect the type again (magic bytes, a third of a small file's extraction): tell it
        metadata.set(TikaCoreProperties.CONTENT_TYPE_PARSER_OVERRIDE, type.toString());
        Collecting handler = collect(file, metadata, shownName, base);
        List<ExtractedDocument> docs = documents(handler, fileName);
        String garbage = undecodable(docs.get(0));
        if (garbage != null && "text".equals(type.getType())) {
            // a declared charset that lies (Tika trusts an HTML page's meta charset): decode the bytes again by
            // Tika's statistical detector, and keep that reading only if it is text
            Metadata again = named(fileName);
            again.set(TikaParsing.DETECT_ENCODING, "statistical");
            again.set(TikaCoreProperties.CONTENT_TYPE_PARSER_OVERRIDE, type.toString());
            Collecting redecoded = collect(file, again, shownName, base);
            List<ExtractedDocument> redecodedDocs = documents(redecoded, fileName);
            if (undecodable(redecodedDocs.get(0)) == null) {
                handler = redecoded;
                docs = redecodedDocs;
                garbage = null;
            }
        }
        if (garbage != null) {
            throw new DocumentRejectedException(
                    RejectReason.CORRUPT, shownName + " (" + base + ") does not decode to text: " + garbage);
        }
        // Tika reads one more than the limit, so that "exactly at the limit" and "over it" can be told apart
        if (handler.embedded.size() > limits.maxEmbeddedResources()) {
            throw new DocumentRejectedException(
                    RejectReason.TOO_LARGE,
                    ExtractionLimits.Limit.EMBEDDED_RESOURCES,
                    shownName + " holds more than " + limits.maxEmbeddedResources()
                            + " embedded documents (messages, attachments); split it",
                    null);
        }
        boolean anyText = docs.stream().anyMatch(d -> !d.blocks().isEmpty());
        if (!anyText) {
            String why = "";
            if (image) {
                why = " (OCR read no text from the image)";
            } else if (base.equals("application/pdf")) {
                why = ocr.enabled()
                        ? " (OCR read no text from its pages either)"
                        : " (a scanned PDF needs OCR: " + ocr.unavailable() + ")";
            }
            boolean needsOcr = base.equals("application/pdf") && !ocr.enabled();
            throw new DocumentRejectedException(
                    RejectReason.NO_TEXT,
                    needsOcr ? ExtractionLimits.Limit.OCR : null,
                    shownName + " (" + base + ") contains no extractable text" + why,
                    null);
        }
        return docs;
    }

    /** Fresh metadata that names the file, as detection and the parsers read it. */
    private static Metadata named(String fileName) {
        Metadata metadata = new Metadata();
        if (fileName != null && !fileName.isBlank()) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        return metadata;
    }

    /** Runs the parse into a fresh collector; a parser's failure is classified as this file's refusal. */
    private Collecting collect(Path file, Metadata metadata, String shownName, String base) {
        BlockCollector.CharBudget budget = new BlockCollector.CharBudget(limits.maxTextChars());
        Collecting handler = new Collecting(budget, limits.maxEmbeddedResources() + 1);
        try {
            parsing.parse(file, metadata, handler);
        } catch (IngestException e) {
            // the isolation's own verdict (timeout, out of memory, crash) or fault (a parser that cannot start)
            throw e;
        } catch (LinkageError e) {
            // a broken installation, not a broken file
            throw new IngestException("the " + base + " parser is not usable: " + e, e);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // a parser that overflows or exhausts memory on hostile input must cost this file only
            throw classify(e, shownName, base);
        }
        if (handler.root == null) {
            throw new DocumentRejectedException(
                    RejectReason.CORRUPT, shownName + " (" + base + ") could not be parsed");
        }
        return handler;
    }

    /** The file's own document, then its embedded ones with text, in document order. */
    private List<ExtractedDocument> documents(Collecting handler, String fileName) {
        List<ExtractedDocument> docs = new ArrayList<>();
        docs.add(toDocument("", handler.root, fileName));
        handler.embedded.sort(Comparator.comparingInt(Collecting.Entry::id));
        for (Collecting.Entry e : handler.embedded) {
            ExtractedDocument child = toDocument(e.path(), e, null);
            if (!child.blocks().isEmpty()) {
                docs.add(child);
            }
        }
        return docs;
    }

    /**
     * Why a document's text is not text (binary bytes decoded with a guessed charset), or {@code null}: more than
     * 10% of its characters are unassigned, private-use, surrogates, controls or replacement characters.
     */
    static String undecodable(ExtractedDocument doc) {
        long total = 0;
        long bad = 0;
        for (RawBlock b : doc.blocks()) {
            String t = b.text();
            for (int i = 0; i < t.length(); ) {
                int cp = t.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.isWhitespace(cp)) {
                    continue;
                }
                total++;
                int type = Character.getType(cp);
                if (cp == 0xFFFD
                        || type == Character.UNASSIGNED
                        || type == Character.PRIVATE_USE
                        || type == Character.SURROGATE
                        || type == Character.CONTROL) {
                    bad++;
                }
            }
        }
        if (total >= 16 && bad * 10 > total) {
            return String.format(
                    Locale.ROOT,
                    "%d%% of its characters are control, unassigned or replacement characters (binary data?)",
                    bad * 100 / total);
        }
        return null;
    }

    private static DocumentRejectedException classify(Throwable e, String shownName, String type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BlockCollector.TextLimitException limit) {
                return new DocumentRejectedException(
                        RejectReason.TEXT_TOO_LARGE,
                        ExtractionLimits.Limit.TEXT_CHARS,
                        shownName + " yields more than " + limit.limit + " characters of text",
                        e);
            }
            String bomb = zipBomb(t);
            if (bomb != null) {
                return new DocumentRejectedException(
                        RejectReason.ZIP_BOMB, shownName + " (" + type + ") was refused: " + bomb, e);
            }
            if (t instanceof EncryptedDocumentException || t instanceof org.apache.poi.EncryptedDocumentException) {
                return new DocumentRejectedException(
                        RejectReason.ENCRYPTED,
                        shownName + " (" + type + ") is encrypted or password-protected; upload a decrypted copy",
                        e);
            }
            if (t instanceof AccessPermissionException) {
                return new DocumentRejectedException(
                        RejectReason.ENCRYPTED,
                        shownName + " (" + type + ") forbids text extraction (document permissions)",
                        e);
            }
            if (t instanceof ZeroByteFileException) {
                return new DocumentRejectedException(RejectReason.EMPTY_FILE, shownName + " is empty", e);
            }
            if (t instanceof OutOfMemoryError) {
                return new DocumentRejectedException(
                        RejectReason.TOO_LARGE, shownName + " is too large to parse in memory", e);
            }
        }
        String detail = rootMessage(e);
        return new DocumentRejectedException(
                RejectReason.CORRUPT,
                shownName + " looks like " + type + " but could not be parsed (truncated or damaged?): " + detail,
                e);
    }

    /**
     * What a zip-bomb check says about the file, or {@code null}: the inflate ratio of a zip entry ({@link
     * TikaParsing#checkInflateRatio}, POI's), Tika's output characters per input byte and its XML and package nesting
     * depths, the recursive parser's depth of embedded documents.
     */
    private static String zipBomb(Throwable t) {
        String m = t.getMessage();
        if (m == null) {
            return null;
        }
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.startsWith("zip bomb detected!")) {
            // POI's message goes on about its API; its last line names the part
            int entry = m.lastIndexOf("Entry: ");
            return "a part expands too far beyond its compressed size (a zip bomb?)"
                    + (entry < 0 ? "" : ": " + m.substring(entry).strip());
        }
        if (lower.startsWith("suspected zip bomb")) {
            return m.strip() + " (a zip bomb?)";
        }
        if (lower.startsWith("max embedded depth reached")) {
            return "it nests embedded documents too deeply (" + m.strip() + ")";
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        m = m == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + m;
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    private ExtractedDocument toDocument(String path, Collecting.Entry entry, String fileName) {
        Metadata m = entry.metadata();
        String contentType = baseType(m.get(Metadata.CONTENT_TYPE));
        boolean html = HTML_TYPES.contains(contentType);
        boolean markdown = MARKDOWN_TYPES.contains(contentType)
                || (fileName != null && fileName.toLowerCase(Locale.ROOT).matches(".*\\.(md|markdown)$"));
        if (markdown) {
            contentType = "text/markdown";
        }
        List<RawBlock> blocks = new ArrayList<>(entry.blocks().size());
        for (RawBlock b : entry.blocks()) {
            // in HTML, line breaks in the source are plain white space
            if (html && b.kind() != BlockKind.PREFORMATTED) {
                b = new RawBlock(
                        b.kind(),
                        b.level(),
                        b.text().replaceAll("[\\r\\n\\t]+", " "),
                        b.cells(),
                        b.page(),
                        b.tableId(),
                        b.header());
            }
            blocks.add(b);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        put(
                meta,
                MetadataKeys.TITLE,
                firstOf(m, TikaCoreProperties.TITLE.getName(), TikaCoreProperties.SUBJECT.getName()));
        put(meta, MetadataKeys.AUTHOR, firstOf(m, TikaCoreProperties.CREATOR.getName(), Message.MESSAGE_FROM));
        put(meta, MetadataKeys.CREATED, m.get(TikaCoreProperties.CREATED));
        put(meta, MetadataKeys.MODIFIED, m.get(TikaCoreProperties.MODIFIED));
        put(meta, MetadataKeys.PAGES, m.get(PagedText.N_PAGES));
        put(meta, MetadataKeys.FROM, m.get(Message.MESSAGE_FROM));
        put(meta, MetadataKeys.TO, joined(m.getValues(Message.MESSAGE_TO)));
        put(meta, MetadataKeys.MESSAGE_ID, m.get(Message.MESSAGE_RAW_HEADER_PREFIX + "Message-ID"));
        put(meta, MetadataKeys.FILE_NAME, fileName != null ? fileName : m.get(TikaCoreProperties.RESOURCE_NAME_KEY));
        put(meta, MetadataKeys.CHARSET, m.get(Metadata.CONTENT_ENCODING));
        String ocrPages = m.get(BlockCollector.OCR_PAGES);
        if (ocrPages != null && !blocks.isEmpty()) {
            // a picture without pages (an image file) is its one page
            put(meta, MetadataKeys.OCR_PAGES, ocrPages.equals("0") ? "1" : ocrPages);
        }
        return new ExtractedDocument(path, contentType, meta, blocks);
    }

    private static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "application/octet-stream";
        }
        MediaType t = MediaType.parse(contentType);
        return t == null
                ? contentType.strip().toLowerCase(Locale.ROOT)
                : t.getBaseType().toString();
    }

    private static String firstOf(Metadata m, String... keys) {
        for (String k : keys) {
            String v = m.get(k);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String joined(String[] values) {
        return values == null || values.length == 0 ? null : String.join(", ", values);
    }

    private static void put(Map<String, String> meta, String key, String value) {
        if (value != null && !value.isBlank()) {
            meta.put(key, value.strip());
        }
    }
}
