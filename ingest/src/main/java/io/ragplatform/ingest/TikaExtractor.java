package io.ragplatform.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
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
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.RecursiveParserWrapper;
import org.apache.tika.parser.html.HtmlMapper;
import org.apache.tika.parser.html.IdentityHtmlMapper;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.AbstractRecursiveParserWrapperHandler;
import org.apache.tika.sax.ContentHandlerFactory;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/** {@link Extractor} on Apache Tika's {@link AutoDetectParser}, one document per embedded resource. */
final class TikaExtractor implements Extractor {
    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
    private static final Set<String> MARKDOWN_TYPES = Set.of("text/x-web-markdown", "text/markdown", "text/x-markdown");
    /** Types Tika recognises but extracts no text from without OCR or transcription. */
    private static final Set<String> NO_TEXT_TOP_TYPES = Set.of("image", "audio", "video", "font", "model");

    private final ExtractionLimits limits;
    private final TikaConfig config;
    private final Detector detector;
    private final Parser parser;

    TikaExtractor(ExtractionLimits limits) {
        this.limits = limits;
        this.config = TikaConfig.getDefaultConfig();
        this.detector = config.getDetector();
        this.parser = new AutoDetectParser(config);
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
        Metadata metadata = new Metadata();
        if (fileName != null && !fileName.isBlank()) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
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
        if (NO_TEXT_TOP_TYPES.contains(type.getType())) {
            throw new DocumentRejectedException(
                    RejectReason.UNSUPPORTED_TYPE,
                    shownName + " is " + base
                            + ", which has no extractable text (OCR and transcription are not enabled)");
        }

        BlockCollector.CharBudget budget = new BlockCollector.CharBudget(limits.maxTextChars());
        Collecting handler = new Collecting(new Factory(budget), limits.maxEmbeddedResources() + 1);
        ParseContext context = new ParseContext();
        context.set(HtmlMapper.class, IdentityHtmlMapper.INSTANCE);
        PDFParserConfig pdf = new PDFParserConfig();
        // link targets and annotation pop-ups are not the page's text
        pdf.setExtractAnnotationText(false);
        // the outline repeats the headings after the last page
        pdf.setExtractBookmarksText(false);
        context.set(PDFParserConfig.class, pdf);
        RecursiveParserWrapper wrapper = new RecursiveParserWrapper(parser, true);
        try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
            wrapper.parse(in, handler, metadata, context);
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
        List<ExtractedDocument> docs = new ArrayList<>();
        docs.add(toDocument("", handler.root, fileName));
        handler.embedded.sort(Comparator.comparingInt(Entry::id));
        for (Entry e : handler.embedded) {
            ExtractedDocument child = toDocument(e.path(), e, null);
            if (!child.blocks().isEmpty()) {
                docs.add(child);
            }
        }
        String garbage = undecodable(docs.get(0));
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
            throw new DocumentRejectedException(
                    RejectReason.NO_TEXT,
                    shownName + " (" + base + ") contains no extractable text"
                            + (base.equals("application/pdf")
                                    ? " (a scanned PDF needs OCR, which is not enabled)"
                                    : ""));
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

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        m = m == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + m;
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    private ExtractedDocument toDocument(String path, Entry entry, String fileName) {
        Metadata m = entry.metadata();
        String contentType = baseType(m.get(Metadata.CONTENT_TYPE));
        boolean html = HTML_TYPES.contains(contentType);
        boolean markdown = MARKDOWN_TYPES.contains(contentType)
                || (fileName != null && fileName.toLowerCase(Locale.ROOT).matches(".*\\.(md|markdown)$"));
        if (markdown) {
            contentType = "text/markdown";
        }
        List<RawBlock> blocks = new ArrayList<>(entry.collector().blocks().size());
        for (RawBlock b : entry.collector().blocks()) {
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

    private record Entry(int id, String path, Metadata metadata, BlockCollector collector) {}

    /** Keeps each document's collector and metadata instead of serialising its content into the metadata. */
    private static final class Collecting extends AbstractRecursiveParserWrapperHandler {
        final List<Entry> embedded = new ArrayList<>();
        Entry root;

        Collecting(ContentHandlerFactory factory, int maxEmbedded) {
            super(factory, maxEmbedded);
        }

        @Override
        public void endEmbeddedDocument(ContentHandler handler, Metadata metadata) throws SAXException {
            super.endEmbeddedDocument(handler, metadata);
            String idPath = metadata.get(TikaCoreProperties.EMBEDDED_ID_PATH);
            Integer id = metadata.getInt(TikaCoreProperties.EMBEDDED_ID);
            embedded.add(new Entry(
                    id == null ? embedded.size() + 1 : id,
                    idPath == null ? "/" + (embedded.size() + 1) : idPath,
                    metadata,
                    (BlockCollector) handler));
        }

        @Override
        public void endDocument(ContentHandler handler, Metadata metadata) throws SAXException {
            super.endDocument(handler, metadata);
            root = new Entry(0, "", metadata, (BlockCollector) handler);
        }
    }

    private record Factory(BlockCollector.CharBudget budget) implements ContentHandlerFactory {
        @Override
        public ContentHandler getNewContentHandler() {
            return new BlockCollector(budget);
        }

        @Override
        public ContentHandler getNewContentHandler(OutputStream os, Charset charset) {
            return getNewContentHandler();
        }
    }
}
