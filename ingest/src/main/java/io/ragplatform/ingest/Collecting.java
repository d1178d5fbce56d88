package io.ragplatform.ingest;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.sax.ContentHandlerFactory;
import org.apache.tika.sax.RecursiveParserWrapperHandler;
import org.xml.sax.ContentHandler;

/**
 * Keeps each document's blocks and metadata, instead of serialising its content into the metadata as Tika's handler
 * does. In this JVM the blocks come from the document's {@link BlockCollector}; from a forked parser they come encoded
 * ({@link BlockCodec}) in the metadata, because the collector stays in the forked JVM.
 *
 * <p>A {@link RecursiveParserWrapperHandler} (not only its abstract base) so that Tika's {@code ForkParser} runs it
 * through its recursive proxy: the forked JVM creates the collectors with {@link #getContentHandlerFactory()} and sends
 * back each finished document.
 */
final class Collecting extends RecursiveParserWrapperHandler {
    /** The metadata key a forked parser returns a document's encoded blocks under (Tika's content key). */
    static final String ENCODED_BLOCKS = TikaCoreProperties.TIKA_CONTENT.getName();

    final List<Entry> embedded = new ArrayList<>();
    Entry root;

    Collecting(BlockCollector.CharBudget budget, int maxEmbedded) {
        super(new Factory(budget), maxEmbedded);
    }

    @Override
    public void endEmbeddedDocument(ContentHandler handler, Metadata metadata) {
        decrementEmbeddedDepth();
        String idPath = metadata.get(TikaCoreProperties.EMBEDDED_ID_PATH);
        Integer id = metadata.getInt(TikaCoreProperties.EMBEDDED_ID);
        embedded.add(new Entry(
                id == null ? embedded.size() + 1 : id,
                idPath == null ? "/" + (embedded.size() + 1) : idPath,
                metadata,
                blocks(handler, metadata)));
    }

    @Override
    public void endDocument(ContentHandler handler, Metadata metadata) {
        root = new Entry(0, "", metadata, blocks(handler, metadata));
    }

    private static List<RawBlock> blocks(ContentHandler handler, Metadata metadata) {
        if (handler instanceof BlockCollector collector) {
            collector.recordOcr(metadata);
            return collector.blocks();
        }
        String encoded = metadata.get(ENCODED_BLOCKS);
        metadata.remove(ENCODED_BLOCKS);
        metadata.remove(TikaCoreProperties.TIKA_CONTENT_HANDLER.getName());
        return encoded == null ? List.of() : BlockCodec.decode(encoded);
    }

    record Entry(int id, String path, Metadata metadata, List<RawBlock> blocks) {}

    /** One {@link BlockCollector} per document, all drawing on the file's one budget of characters. */
    record Factory(BlockCollector.CharBudget budget) implements ContentHandlerFactory {
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
