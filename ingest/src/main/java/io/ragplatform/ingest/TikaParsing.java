package io.ragplatform.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.RecursiveParserWrapper;
import org.apache.tika.parser.html.HtmlMapper;
import org.apache.tika.parser.html.IdentityHtmlMapper;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.parser.txt.Icu4jEncodingDetector;
import org.apache.tika.sax.AbstractRecursiveParserWrapperHandler;

/**
 * Where {@link TikaExtractor} runs the parse of one file: in this JVM, or in a forked one ({@link ForkPool}). Both run
 * {@link #parse(Parser, Path, Metadata, AbstractRecursiveParserWrapperHandler)} with a parser from {@link #newParser()},
 * so that the parser configuration, and with it the output, is the same.
 */
interface TikaParsing extends AutoCloseable {
    /**
     * A zip entry (an OOXML or ODF part, a file of an archive) that says it inflates more than this many times its
     * compressed size, past {@link #INFLATE_GRACE_BYTES}, makes the file a zip bomb: POI's default limit. Tika turns
     * POI's check off and relies on the output-per-input ratio of its SecureContentHandler, but for OOXML that ratio is
     * only seen after POI has loaded the whole part into memory: a 950 KB DOCX whose document.xml inflates to 1 GB took
     * minutes and gigabytes of heap before it was refused.
     */
    long MAX_INFLATE_RATIO = 100;

    /**
     * A metadata entry that asks for the text's charset to be detected from its bytes by Tika's statistical
     * detector (ICU4J), ignoring what the file declares (value {@code statistical}); set by {@link TikaExtractor} for a
     * second reading of text whose declared charset decoded it into garbage. It travels to a forked parser with the
     * metadata.
     */
    String DETECT_ENCODING = "X-RAG:detect-encoding";

    /** Entries smaller than this are not checked for their inflate ratio (a small part may compress very well). */
    long INFLATE_GRACE_BYTES = 1L << 20;

    /**
     * Parses the file into the handler: its own document, then every embedded one, reported to the handler's {@code
     * endEmbeddedDocument}/{@code endDocument}.
     *
     * @throws Exception what the parser threw (for the caller to classify); {@link DocumentRejectedException} when the
     *     isolation itself stopped the parse (timeout, out of memory, crash)
     */
    void parse(Path file, Metadata metadata, Collecting handler) throws Exception;

    @Override
    default void close() {}

    /** Parsing in this JVM, with this OCR. */
    static TikaParsing inProcess(Ocr ocr) {
        Parser parser = newParser();
        return (file, metadata, handler) -> parse(parser, file, metadata, handler, ocr);
    }

    /** Tika's auto-detecting parser with the default configuration. */
    static Parser newParser() {
        return new AutoDetectParser(TikaConfig.getDefaultConfig());
    }

    /** The parse itself, the same in this JVM and in a forked one. */
    static void parse(
            Parser parser, Path file, Metadata metadata, AbstractRecursiveParserWrapperHandler handler, Ocr ocr)
            throws Exception {
        ParseContext context = new ParseContext();
        context.set(HtmlMapper.class, IdentityHtmlMapper.INSTANCE);
        PDFParserConfig pdf = new PDFParserConfig();
        // link targets and annotation pop-ups are not the page's text
        pdf.setExtractAnnotationText(false);
        // the outline repeats the headings after the last page
        pdf.setExtractBookmarksText(false);
        // pages without a text layer are rendered and read by Tesseract (PDFBox's text first, OCR only where it is
        // missing); Tika marks what OCR read with <div class="ocr">
        pdf.setOcrStrategy(ocr.enabled() ? PDFParserConfig.OCR_STRATEGY.AUTO : PDFParserConfig.OCR_STRATEGY.NO_OCR);
        context.set(PDFParserConfig.class, pdf);
        TesseractOCRConfig tesseract = new TesseractOCRConfig();
        tesseract.setSkipOcr(!ocr.enabled());
        if (ocr.enabled()) {
            tesseract.setLanguage(ocr.languages());
            tesseract.setTimeoutSeconds(ocr.timeoutSeconds());
            // without it Tesseract puts a space between Chinese characters when English is one of its languages
            tesseract.setPreserveInterwordSpacing(true);
        }
        context.set(TesseractOCRConfig.class, tesseract);
        if ("statistical".equals(metadata.get(DETECT_ENCODING))) {
            context.set(EncodingDetector.class, new Icu4jEncodingDetector());
        }
        checkInflateRatio(file);
        RecursiveParserWrapper wrapper = new RecursiveParserWrapper(ocr.enabled() ? new OcrGate(parser) : parser, true);
        try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
            wrapper.parse(in, handler, metadata, context);
        }
    }

    /**
     * Refuses a zip file (OOXML, ODF, EPUB, a plain archive) one of whose entries says it inflates more than {@link
     * #MAX_INFLATE_RATIO} times its compressed size: read from the central directory, before anything is inflated. An
     * entry that lies about its size is not caught here; the forked parser's heap cap and timeout bound it.
     *
     * @throws TikaException "Suspected zip bomb: ..." (as Tika's own checks say it)
     */
    static void checkInflateRatio(Path file) throws IOException, TikaException {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, 4) < 4
                    || magic[0] != 'P'
                    || magic[1] != 'K'
                    || magic[2] != 3
                    || magic[3] != 4) {
                return;
            }
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                long size = entry.getSize();
                long compressed = entry.getCompressedSize();
                if (size > INFLATE_GRACE_BYTES && compressed >= 0 && size > compressed * MAX_INFLATE_RATIO) {
                    throw new TikaException(String.format(
                            Locale.ROOT,
                            "Suspected zip bomb: %s inflates from %,d to %,d bytes, more than %d times",
                            entry.getName(),
                            compressed,
                            size,
                            MAX_INFLATE_RATIO));
                }
            }
        } catch (ZipException e) {
            // not a zip the JDK can read: Tika's parsers say what is wrong with it
        }
    }
}
