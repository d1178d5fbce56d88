package io.ragplatform.index;

import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.Canonicalizer;
import io.ragplatform.ingest.Chunker;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.ExtractionLimits;
import io.ragplatform.ingest.Extractors;
import io.ragplatform.ingest.LanguageDetector;
import io.ragplatform.ingest.LicensePolicy;
import io.ragplatform.ingest.PreparedUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The real preparation pipeline (Tika, canonicalizer, structural chunker) for a model, every text taken as English
 * unless a test says otherwise. Public for the tests of the sub-packages.
 */
public final class TestPipeline {
    private TestPipeline() {}

    /** Writes {@code text} as a UTF-8 text file under {@code dir} and prepares it as the public upload of {@code sourceId}. */
    public static PreparedUpload prepare(DocumentPreparer preparer, Path dir, String sourceId, String text) {
        return prepare(preparer, dir, sourceId, text, Acl.PUBLIC_ONLY);
    }

    /** Writes {@code text} as a UTF-8 text file under {@code dir} and prepares it as the upload of {@code sourceId}. */
    static PreparedUpload prepare(DocumentPreparer preparer, Path dir, String sourceId, String text, List<String> acl) {
        try {
            Path f = dir.resolve("f-" + Math.abs((sourceId + text).hashCode()) + ".txt");
            Files.writeString(f, text, StandardCharsets.UTF_8);
            return preparer.prepare(f, "doc.txt", sourceId, Map.of(), acl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DocumentPreparer preparer(Embedder model) {
        return preparer(model, text -> "en");
    }

    /** The pipeline with the test's own language detection (e.g. by a word only one language's texts contain). */
    public static DocumentPreparer preparer(Embedder model, LanguageDetector languages) {
        return preparer(model, languages, LicensePolicy.DEFAULT);
    }

    /** The pipeline under a licence policy (its default licence, its denied ones). */
    public static DocumentPreparer preparer(Embedder model, LanguageDetector languages, LicensePolicy licenses) {
        Canonicalizer canon = Canonicalizer.standard();
        return new DocumentPreparer(
                        Extractors.tika(ExtractionLimits.DEFAULTS),
                        canon,
                        Chunker.structural(model.tokenCounter(), model.maxTokens() - 2, canon.hashVersion()),
                        languages)
                .withLicenses(licenses);
    }
}
