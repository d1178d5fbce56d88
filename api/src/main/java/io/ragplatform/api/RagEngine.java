package io.ragplatform.api;

import io.quarkus.runtime.Startup;
import io.ragplatform.error.RagException;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.index.Ingestion;
import io.ragplatform.index.ModelChangePolicy;
import io.ragplatform.index.ModelChangeRefusedException;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.RebuildListener;
import io.ragplatform.index.Retention;
import io.ragplatform.index.lucene.LuceneIndexes;
import io.ragplatform.ingest.Canonicalizer;
import io.ragplatform.ingest.Chunker;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.DocumentRejectedException;
import io.ragplatform.ingest.ExtractionLimits;
import io.ragplatform.ingest.Extractor;
import io.ragplatform.ingest.Extractors;
import io.ragplatform.ingest.ForkOptions;
import io.ragplatform.ingest.IngestException;
import io.ragplatform.ingest.LanguageDetector;
import io.ragplatform.ingest.LicensePolicy;
import io.ragplatform.ingest.OcrOptions;
import io.ragplatform.ingest.QualityPolicy;
import io.ragplatform.ingest.pii.PiiMode;
import io.ragplatform.ingest.pii.PiiPolicy;
import io.ragplatform.ingest.pii.RedactionSink;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Wires the plain-Java pipeline (ingest, index) from configuration, once, at start-up: a misconfiguration (unknown
 * model, an index of another model) stops the service with a clear message instead of serving nonsense.
 */
@Startup
@ApplicationScoped
public class RagEngine {
    /** {@code zh=bge-small-zh-v15-q (dim 512)}, one entry per language. */
    private static String describe(Map<String, Embedder> languageModels) {
        StringBuilder out = new StringBuilder();
        languageModels.forEach((language, model) -> out.append(out.isEmpty() ? "" : ", ")
                .append(language)
                .append('=')
                .append(model.modelId())
                .append(" (dim ")
                .append(model.dimension())
                .append(')'));
        return out.toString();
    }

    private static final Logger LOG = Logger.getLogger(RagEngine.class);

    private final Path dataDir;
    private final Extractor extractor;
    private final RagIndex index;
    private final java.util.Optional<RedactionMaps> redactionMaps;
    private final Ingestion ingestion;
    private final Tombstones tombstones;
    private final DataDirLock lock;

    RagEngine(RagConfig config) {
        this.dataDir = config.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir.resolve("index"));
            Files.createDirectories(dataDir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        this.lock = DataDirLock.acquire(dataDir);
        // DJL unpacks its tokenizer library; keep that under the data directory too
        String djl = dataDir.resolve("cache/djl").toString();
        cacheDir("DJL_CACHE_DIR", djl);
        cacheDir("ENGINE_CACHE_DIR", djl);
        long t0 = System.nanoTime();
        Map<String, Embedder> languageModels =
                Embedders.languageModels(config.embedding().languageModels());
        Embedder embedder = Embedders.routed(
                Embedders.named(config.embedding().model(), config.embedding().maxTokens()), languageModels);
        Canonicalizer canonicalizer = Canonicalizer.standard();
        // the model's input size less its two special tokens ([CLS], [SEP])
        Chunker chunker =
                Chunker.structural(embedder.tokenCounter(), embedder.maxTokens() - 2, canonicalizer.hashVersion());
        ExtractionLimits limits = new ExtractionLimits(
                config.upload().maxBytes(),
                config.extraction().maxChars(),
                config.extraction().maxEmbedded());
        LicensePolicy licenses = licenses(config.governance());
        PiiPolicy pii = pii(config);
        this.redactionMaps = RedactionMaps.of(
                dataDir.resolve("redaction"), config.governance().redactionKey());
        this.extractor = extractor(config.extraction(), limits);
        DocumentPreparer preparer = new DocumentPreparer(extractor, canonicalizer, chunker, LanguageDetector.tika())
                .withLicenses(licenses)
                .withPii(pii, redactionMaps.isPresent() ? redactionMaps.get() : RedactionSink.NONE)
                .withQuality(quality(config.governance().quarantineWhen()));
        try {
            this.index = LuceneIndexes.openHome(
                    dataDir.resolve("index"),
                    embedder,
                    id -> Embedders.routed(Embedders.named(id, 0), languageModels),
                    preparer.pipelineVersion(),
                    new Retention(
                            config.index().retainVersions(), config.index().retainAge()),
                    ModelChangePolicy.parse(config.embedding().onModelChange()),
                    RebuildListener.NONE);
        } catch (ModelChangeRefusedException e) {
            throw refusedAtStart(e);
        }
        this.tombstones = new Tombstones(dataDir.resolve("erasures"));
        this.ingestion = new Ingestion(preparer, index, tombstones);
        LOG.infof(
                "RAG engine ready in %d ms: data dir %s, model %s (dim %d, %d tokens), language models %s, pipeline %s, index version"
                        + " %d%s",
                (System.nanoTime() - t0) / 1_000_000,
                dataDir,
                embedder.modelId(),
                embedder.dimension(),
                embedder.maxTokens(),
                languageModels.isEmpty() ? "none" : describe(languageModels),
                preparer.pipelineVersion(),
                index.stats().indexVersion(),
                index.rebuild()
                        .map(r -> "; serving " + r.fromModel() + " while re-embedding with " + r.toModel())
                        .orElse(""));
    }

    /** The configured extractor: Tika in forked JVMs ({@code rag.extraction.isolation=fork}) or in this one. */
    static Extractor extractor(RagConfig.Extraction config, ExtractionLimits limits) {
        OcrOptions ocr;
        try {
            ocr = OcrOptions.parse(config.ocr(), config.ocrLanguages());
        } catch (IllegalArgumentException e) {
            throw RagException.invalid(
                    "invalid_config", "rag.extraction.ocr / rag.extraction.ocr-languages: " + e.getMessage());
        }
        String isolation = config.isolation().strip().toLowerCase(Locale.ROOT);
        switch (isolation) {
            case "fork" -> {
                int parsers = config.parsers() > 0
                        ? config.parsers()
                        : Runtime.getRuntime().availableProcessors();
                ForkOptions options = new ForkOptions(
                        parsers, config.timeout(), config.maxHeap().asLongValue());
                LOG.infof(
                        "extraction in %d forked parser(s): %s per file, %d MB of heap each",
                        parsers, config.timeout(), options.maxHeapBytes() >> 20);
                return withOcr(ocr, () -> Extractors.forkedTika(limits, options, ocr));
            }
            case "in-process" -> {
                LOG.info("extraction in process: a parser that hangs or exhausts memory costs the service");
                return withOcr(ocr, () -> Extractors.tika(limits, ocr));
            }
            default ->
                throw RagException.invalid(
                        "invalid_config",
                        "rag.extraction.isolation is '" + config.isolation() + "'; use fork or in-process");
        }
    }

    /** The configured licence policy ({@code rag.governance.default-license}, {@code rag.governance.denied-licenses}). */
    static LicensePolicy licenses(RagConfig.Governance config) {
        try {
            return new LicensePolicy(
                    config.defaultLicense(),
                    new java.util.TreeSet<>(config.deniedLicenses().orElse(List.of())));
        } catch (DocumentRejectedException e) {
            throw RagException.invalid(
                    "invalid_config",
                    "rag.governance.default-license / rag.governance.denied-licenses: " + e.getMessage());
        }
    }

    /** The configured data-quality checks ({@code rag.governance.quarantine-when}); none by default. */
    static QualityPolicy quality(Optional<String> quarantineWhen) {
        try {
            return QualityPolicy.parse(quarantineWhen.orElse(null));
        } catch (IllegalArgumentException e) {
            throw RagException.invalid("invalid_config", "rag.governance.quarantine-when: " + e.getMessage());
        }
    }

    /** The configured redaction: {@code rag.governance.pii}, and {@code rag.sources.<name>.pii} per source. */
    static PiiPolicy pii(RagConfig config) {
        java.util.Map<String, PiiMode> sources = new java.util.TreeMap<>();
        String key = "rag.governance.pii";
        try {
            PiiMode defaultMode = PiiMode.parse(config.governance().pii());
            for (var source : config.sources().entrySet()) {
                key = "rag.sources." + source.getKey() + ".pii";
                if (source.getValue().pii().isPresent()) {
                    sources.put(
                            source.getKey(),
                            PiiMode.parse(source.getValue().pii().get()));
                }
            }
            return new PiiPolicy(defaultMode, sources);
        } catch (IllegalArgumentException e) {
            throw RagException.invalid("invalid_config", key + ": " + e.getMessage());
        }
    }

    /** Builds the extractor; OCR that is required but cannot be done stops the start, saying what to install. */
    private static Extractor withOcr(OcrOptions ocr, java.util.function.Supplier<Extractor> build) {
        try {
            return build.get();
        } catch (IngestException e) {
            if (ocr.mode() == OcrOptions.Mode.REQUIRED) {
                throw RagException.invalid("invalid_config", "rag.extraction.ocr=required: " + e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Points a native-library cache at this data directory unless the operator chose one: a value this class set for an
     * earlier engine in the same JVM is replaced, because a JVM loads one library file in one class loader only (a
     * test run that restarts the service with another profile needs the library unpacked again, elsewhere).
     */
    private static void cacheDir(String name, String dir) {
        String ours = "io.ragplatform.set." + name;
        String current = System.getProperty(name);
        if (System.getenv(name) == null && (current == null || current.equals(System.getProperty(ours)))) {
            System.setProperty(name, dir);
            System.setProperty(ours, dir);
        }
    }

    /** The refusal of a model change as the operator reads it at start-up: which settings resolve it. */
    static RagException refusedAtStart(ModelChangeRefusedException e) {
        return new RagException(
                e.code(),
                e.category(),
                "the index holds vectors of embedding model '" + e.storedModel() + "' but the configured model is '"
                        + e.configuredModel() + "'. Either configure '" + e.storedModel()
                        + "' again (rag.embedding.model), or set rag.embedding.on-model-change=rebuild to re-embed every"
                        + " chunk with '" + e.configuredModel() + "' in a shadow index while search keeps serving '"
                        + e.storedModel() + "', then switch over.",
                e);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The encrypted redaction maps, when {@code rag.governance.redaction-key} is set. */
    java.util.Optional<RedactionMaps> redactionMaps() {
        return redactionMaps;
    }

    public RagIndex index() {
        return index;
    }

    public Ingestion ingestion() {
        return ingestion;
    }

    /** What erasures left: their tombstones, which also refuse the erased files. */
    Tombstones tombstones() {
        return tombstones;
    }

    @PreDestroy
    void close() {
        // the forked parsers first: an upload still parsing fails now instead of holding the index open
        extractor.close();
        try {
            index.close();
        } catch (IOException e) {
            LOG.warn("closing the index failed", e);
        } finally {
            lock.close();
        }
    }
}
