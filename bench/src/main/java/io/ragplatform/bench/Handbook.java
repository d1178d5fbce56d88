package io.ragplatform.bench;

import io.ragplatform.fixtures.Fixture;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.ingest.Canonicalizer;
import io.ragplatform.ingest.Chunker;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.ExtractionLimits;
import io.ragplatform.ingest.Extractors;
import io.ragplatform.ingest.TokenCounter;
import java.nio.file.Path;
import java.util.List;

/** The benchmarks' shared input: the handbook fixture, and the pipeline pieces as the service builds them. */
final class Handbook {
    /** The six formats of the handbook fixture. */
    static final List<String> FORMATS = List.of("html", "docx", "md", "txt", "eml", "pdf");

    /** Questions a reader of the handbook asks (words of several sections, one code word). */
    static final List<String> QUERIES = List.of(
            "how long are payroll records kept",
            "who approves an exception to the policy",
            "what to do when a laptop is lost or stolen",
            "multi-factor authentication for remote access",
            "encryption of backups at rest",
            "QUOKKA-7731",
            "breach notification deadline for customers",
            "disposal of paper records and hard drives");

    private Handbook() {}

    /** A handbook file as a real path, e.g. {@code "pdf"}. */
    static Path file(String format) {
        return Fixture.handbook("handbook." + format);
    }

    /**
     * An embedder by name: a model of {@link Embedders#named} (the default model is {@code bge-small-en-v15-q}), or
     * {@code hash} for {@link HashEmbedder} (no model: index and search cost only).
     */
    static Embedder embedder(String name) {
        return name.equals("hash") ? new HashEmbedder(384) : Embedders.named(name, 0);
    }

    /** The chunker for a model's token budget, as the service builds it. */
    static Chunker chunker(Embedder model, Canonicalizer canon) {
        return chunker(model.tokenCounter(), model.maxTokens() - 2, canon);
    }

    static Chunker chunker(TokenCounter counter, int maxTokens, Canonicalizer canon) {
        return Chunker.structural(counter, maxTokens, canon.hashVersion());
    }

    /** The service's preparer for a model (language taken as English: detection is not what these measure). */
    static DocumentPreparer preparer(Embedder model) {
        Canonicalizer canon = Canonicalizer.standard();
        return new DocumentPreparer(
                Extractors.tika(ExtractionLimits.DEFAULTS), canon, chunker(model, canon), text -> "en");
    }
}
