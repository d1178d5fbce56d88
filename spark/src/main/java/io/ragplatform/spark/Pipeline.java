package io.ragplatform.spark;

import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.ingest.Canonicalizer;
import io.ragplatform.ingest.Chunker;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.ExtractionLimits;
import io.ragplatform.ingest.Extractor;
import io.ragplatform.ingest.Extractors;
import io.ragplatform.ingest.ForkOptions;
import io.ragplatform.ingest.LanguageDetector;
import io.ragplatform.ingest.License;
import io.ragplatform.ingest.OcrOptions;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How executors build the service's pipeline: the settings travel with each task (serialized), the models are loaded
 * once per executor JVM and shared by its tasks ({@link Embedder}s are thread-safe), and a {@link DocumentPreparer} is
 * built per partition exactly as the service's {@code RagEngine} builds it (the standard canonicalizer, the structural
 * chunker sized by the model's tokenizer less its two special tokens, Tika's language detector (one per JVM: it is
 * thread-safe and loads its profiles for a second), the default licence
 * policy, no redaction, no data-quality checks).
 *
 * @param model the main model's name
 * @param maxTokens its input size, 0 for its own
 * @param languageModels the language models' spec ({@code zh=...} or {@code none})
 * @param isolation {@link JobOptions#IN_PROCESS} or {@link JobOptions#FORK}
 * @param parseTimeout the forked parser's per-file timeout
 * @param parserHeapBytes the forked parser's heap
 * @param ocrMode OCR mode ({@code auto}, {@code off}, {@code required})
 * @param ocrLanguages Tesseract's languages
 * @param metadata what every file of the source is stored with (its licence, when given)
 * @param acl who may read the source's documents
 */
record Pipeline(
        String model,
        int maxTokens,
        String languageModels,
        String isolation,
        Duration parseTimeout,
        long parserHeapBytes,
        String ocrMode,
        List<String> ocrLanguages,
        Map<String, String> metadata,
        List<String> acl)
        implements Serializable {
    private static final Map<String, Embedder> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, Embedder>> LANGUAGE_MODELS = new ConcurrentHashMap<>();
    /** Tika's detector loads its profiles for a second; it is thread-safe, so the JVM's tasks share one. */
    private static final Map<String, LanguageDetector> DETECTOR = new ConcurrentHashMap<>();

    Pipeline {
        metadata = Map.copyOf(metadata);
        acl = List.copyOf(acl);
        ocrLanguages = List.copyOf(ocrLanguages);
    }

    static Pipeline of(JobOptions options) {
        return new Pipeline(
                options.model(),
                options.maxTokens(),
                options.languageModels(),
                options.isolation(),
                options.parseTimeout(),
                (long) options.parserHeapMb() << 20,
                options.ocr().mode().name(),
                options.ocr().languages(),
                options.license() == null ? Map.of() : Map.of(License.METADATA_KEY, options.license()),
                options.acl());
    }

    /** The main model, loaded once in this JVM. */
    Embedder embedder() {
        return MODELS.computeIfAbsent(model + "@" + maxTokens, key -> Embedders.named(model, maxTokens));
    }

    /** The language models by language, loaded once in this JVM. */
    Map<String, Embedder> languageEmbedders() {
        return LANGUAGE_MODELS.computeIfAbsent(languageModels, Embedders::languageModels);
    }

    /** Every model of the pipeline by model ID: the main one and the language models. */
    Map<String, Embedder> embeddersById() {
        Map<String, Embedder> byId = new LinkedHashMap<>();
        byId.put(embedder().modelId(), embedder());
        languageEmbedders().values().forEach(e -> byId.put(e.modelId(), e));
        return byId;
    }

    /** A preparer for one partition (its extractor is the caller's to close). */
    DocumentPreparer preparer(Extractor extractor) {
        Embedder embedder = embedder();
        Canonicalizer canonicalizer = Canonicalizer.standard();
        Chunker chunker =
                Chunker.structural(embedder.tokenCounter(), embedder.maxTokens() - 2, canonicalizer.hashVersion());
        return new DocumentPreparer(
                extractor, canonicalizer, chunker, DETECTOR.computeIfAbsent("tika", name -> LanguageDetector.tika()));
    }

    /** The extractor of one partition: Tika in this JVM, or in one forked JVM that the partition's files share. */
    Extractor extractor() {
        OcrOptions ocr = new OcrOptions(OcrOptions.Mode.valueOf(ocrMode), ocrLanguages);
        return isolation.equals(JobOptions.FORK)
                ? Extractors.forkedTika(
                        ExtractionLimits.DEFAULTS, new ForkOptions(1, parseTimeout, parserHeapBytes), ocr)
                : Extractors.tika(ExtractionLimits.DEFAULTS, ocr);
    }
}
