package io.ragplatform.ingest;

/** Factories for {@link Extractor}s. */
public final class Extractors {
    private Extractors() {}

    /** Apache Tika's auto-detecting parser with the standard parsers package. */
    public static Extractor tika(ExtractionLimits limits) {
        return new TikaExtractor(limits);
    }
}
