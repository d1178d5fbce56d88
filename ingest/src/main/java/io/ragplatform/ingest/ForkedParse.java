package io.ragplatform.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.AbstractRecursiveParserWrapperHandler;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.xml.sax.ContentHandler;

/**
 * The parser a forked JVM runs. Tika's {@code ForkParser} serialises it to the forked JVM together with the class
 * loader it was loaded by, so the forked JVM loads this module, Tika and its parsers from this JVM's class path (a
 * Quarkus fast-jar and a test class path alike) and builds the same parser as {@link TikaParsing#inProcess()} as soon
 * as it receives it. For each file it runs {@link TikaParsing#parse} on the file the {@link Source} in the parse context
 * names (the forked JVM reads the file itself, as the in-process parse does), with a {@link BlockCollector} per
 * document whose blocks go back encoded ({@link BlockCodec}) through Tika's recursive handler proxy.
 *
 * <p>Everything the parse throws goes back as a {@link Failure}; an out-of-memory error is caught here, where the
 * parse's garbage has just become unreachable, and reported as such (the JVM is then discarded by {@link ForkPool}).
 */
final class ForkedParse implements Parser {
    private static final long serialVersionUID = 1L;
    /** Strong references: java.util.logging keeps loggers weakly, and would forget the levels set on them. */
    private static final List<Logger> QUIET = new ArrayList<>();

    private final Settings settings;
    private transient Parser parser;

    /**
     * What the parent JVM decided for the forked parses.
     *
     * @param maxEmbedded the most embedded documents to read, as given to the in-process handler
     * @param ocr the OCR the parse does, resolved in the parent JVM
     */
    record Settings(int maxEmbedded, Ocr ocr) implements Serializable {}

    ForkedParse(Settings settings) {
        this.settings = settings;
    }

    /** The file a forked JVM is to parse. */
    record Source(String path) implements Serializable {}

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        // the service's levels for the parsers' loggers (application.properties); here only java.util.logging is set up
        quiet("org.apache.pdfbox", Level.SEVERE);
        quiet("org.apache.fontbox", Level.SEVERE);
        quiet("org.apache.poi", Level.SEVERE);
        quiet("org.apache.tika", Level.WARNING);
        // in the forked JVM, before the first file's clock starts
        parser = TikaParsing.newParser();
    }

    private static void quiet(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        QUIET.add(logger);
    }

    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
        return parser == null ? Set.of() : parser.getSupportedTypes(context);
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws TikaException {
        Source source = context.get(Source.class);
        if (source == null) {
            // a call without a file starts the forked JVM
            return;
        }
        try {
            TikaParsing.parse(
                    parser,
                    Path.of(source.path()),
                    metadata,
                    new Relay((AbstractRecursiveParserWrapperHandler) handler, settings.maxEmbedded()),
                    settings.ocr());
        } catch (Throwable t) {
            throw Failure.of(t);
        }
    }

    /**
     * What a parse in the forked JVM threw: the exception itself as its cause (or, when it cannot be serialised, a copy
     * of its chain of messages), or that the parse ran out of memory.
     */
    static final class Failure extends TikaException {
        private static final long serialVersionUID = 1L;
        private final boolean outOfMemory;

        private Failure(String message, Throwable cause, boolean outOfMemory) {
            super(message, cause);
            this.outOfMemory = outOfMemory;
        }

        boolean outOfMemory() {
            return outOfMemory;
        }

        static Failure of(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof OutOfMemoryError oom) {
                    return new Failure(String.valueOf(oom.getMessage()), null, true);
                }
            }
            return new Failure(t.toString(), serializable(t), false);
        }

        private static Throwable serializable(Throwable t) {
            try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
                out.writeObject(t);
                return t;
            } catch (IOException e) {
                TikaException copy = new TikaException(
                        t.getClass().getName() + ": " + t.getMessage(),
                        t.getCause() == null || t.getCause() == t ? null : serializable(t.getCause()));
                copy.setStackTrace(t.getStackTrace());
                return copy;
            }
        }
    }

    /**
     * Passes each finished document on to Tika's proxy of the parent's {@link Collecting}, with the parent's limit on
     * embedded documents (the proxy itself has none) and each document's collector wrapped so that it serialises as its
     * encoded blocks.
     */
    private static final class Relay extends AbstractRecursiveParserWrapperHandler {
        private static final long serialVersionUID = 1L;
        private final transient AbstractRecursiveParserWrapperHandler proxy;

        Relay(AbstractRecursiveParserWrapperHandler proxy, int maxEmbedded) {
            super(proxy.getContentHandlerFactory(), maxEmbedded);
            this.proxy = proxy;
        }

        @Override
        public ContentHandler getNewContentHandler() {
            return new Encoded((BlockCollector) super.getNewContentHandler());
        }

        @Override
        public ContentHandler getNewContentHandler(OutputStream os, Charset charset) {
            return getNewContentHandler();
        }

        @Override
        public void endEmbeddedDocument(ContentHandler handler, Metadata metadata) throws org.xml.sax.SAXException {
            super.endEmbeddedDocument(handler, metadata);
            ((Encoded) handler).encode(metadata);
            proxy.endEmbeddedDocument(handler, metadata);
        }

        @Override
        public void endDocument(ContentHandler handler, Metadata metadata) throws org.xml.sax.SAXException {
            super.endDocument(handler, metadata);
            ((Encoded) handler).encode(metadata);
            proxy.endDocument(handler, metadata);
        }
    }

    /**
     * A document's collector as Tika's proxy sends it back: not {@link Serializable}, so the proxy sends {@link
     * #toString()} under {@link Collecting#ENCODED_BLOCKS}.
     */
    private static final class Encoded extends ContentHandlerDecorator {
        private final BlockCollector collector;
        private String encoded;

        Encoded(BlockCollector collector) {
            super(collector);
            this.collector = collector;
        }

        /**
         * Encodes the blocks before the proxy starts its message: the proxy calls {@link #toString()} in the middle of
         * it, where loading a class (over the same pipe) would interleave a class request with the message and hang
         * both JVMs. What OCR read goes on the document's metadata, which the proxy sends with it.
         */
        void encode(Metadata metadata) {
            collector.recordOcr(metadata);
            encoded = BlockCodec.encode(collector.blocks());
        }

        @Override
        public String toString() {
            return encoded == null ? "" : encoded;
        }
    }
}
