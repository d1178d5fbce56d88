package io.ragplatform.ingest;

/** Factories for {@link Extractor}s. */
public final class Extractors {
    private Extractors() {}

    /**
     * Apache Tika's auto-detecting parser with the standard parsers package, parsing in this JVM: a parser that hangs
     * or exhausts memory on hostile input costs this process. For benchmarks and where forking is impossible.
     */
    public static Extractor tika(ExtractionLimits limits) {
        return new TikaExtractor(limits, TikaParsing.inProcess());
    }

    /**
     * The same extraction, with the same parser configuration and the same output, but each file is parsed in a forked
     * JVM of a pool (Tika's {@code ForkParser}): a hang is stopped after {@link ForkOptions#timeout()} ({@link
     * RejectReason#EXTRACTION_TIMEOUT}), an out-of-memory or a crash of the parser ({@link
     * RejectReason#EXTRACTION_FAILED}) costs that file and that forked JVM only, which is replaced. Close the extractor
     * to stop the forked JVMs.
     */
    public static Extractor forkedTika(ExtractionLimits limits, ForkOptions options) {
        return new TikaExtractor(limits, new ForkPool(limits, options));
    }
}
