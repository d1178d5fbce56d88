package io.ragplatform.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ParserDecorator;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Keeps OCR to images that are documents of their own: the uploaded file, an attachment of a message, a file of an
 * archive, and the pages of a PDF. An image that is part of another document's rendering is not read: a thumbnail of
 * an Office or ODF file repeats its first page's text (it would come back as a second document with the same words),
 * and an inline picture of a document is an illustration of text already extracted. The embedded parse of such an image
 * runs with OCR skipped, and the uploaded file's configuration is restored after it.
 */
final class OcrGate extends ParserDecorator {
    private static final long serialVersionUID = 1L;
    private static final Set<String> NOT_READ = Set.of(
            TikaCoreProperties.EmbeddedResourceType.THUMBNAIL.name(),
            TikaCoreProperties.EmbeddedResourceType.INLINE.name());

    private final TesseractOCRConfig skipped = new TesseractOCRConfig();

    OcrGate(Parser parser) {
        super(parser);
        skipped.setSkipOcr(true);
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws IOException, SAXException, TikaException {
        String embeddedAs = metadata.get(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE);
        if (embeddedAs == null || !NOT_READ.contains(embeddedAs)) {
            super.parse(stream, handler, metadata, context);
            return;
        }
        TesseractOCRConfig own = context.get(TesseractOCRConfig.class);
        context.set(TesseractOCRConfig.class, skipped);
        try {
            super.parse(stream, handler, metadata, context);
        } finally {
            context.set(TesseractOCRConfig.class, own);
        }
    }
}
