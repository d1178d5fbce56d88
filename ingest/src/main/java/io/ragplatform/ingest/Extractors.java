package io.ragplatform.ingest;

/** Factories for {@link Extractor}s. */
public final class Extractors {
    private Extractors() {}

    /**
     * Apache Tika's auto-detecting parser with the standard parsers package, parsing in this JVM, without OCR: a parser
     * that hangs or exhausts memory on hostile input costs this process. For benchmarks and where forking is impossible.
     */
    public static Extractor tika(ExtractionLimits limits) {
        return new TikaExtractor(limits, Ocr.OFF, TikaParsing.inProcess(Ocr.OFF));
    }

    /**
     * {@link #tika(ExtractionLimits)} with OCR: images and PDF pages without a text layer are read by Tesseract as the
     * options say (each image within {@value #IN_PROCESS_OCR_TIMEOUT_SECONDS} s).
     *
     * @throws IngestException when the options require OCR that this machine cannot do
     */
    public static Extractor tika(ExtractionLimits limits, OcrOptions ocr) {
        Ocr resolved = Ocr.resolve(ocr, IN_PROCESS_OCR_TIMEOUT_SECONDS);
        return new TikaExtractor(limits, resolved, TikaParsing.inProcess(resolved));
    }

    /** The longest Tesseract may take over one image when it runs in this JVM (Tika's own default). */
    public static final int IN_PROCESS_OCR_TIMEOUT_SECONDS = 120;

    /**
     * The same extraction, with the same parser configuration and the same output, but each file is parsed in a forked
     * JVM of a pool (Tika's {@code ForkParser}): a hang is stopped after {@link ForkOptions#timeout()} ({@link
     * RejectReason#EXTRACTION_TIMEOUT}), an out-of-memory or a crash of the parser ({@link
     * RejectReason#EXTRACTION_FAILED}) costs that file and that forked JVM only, which is replaced. Close the extractor
     * to stop the forked JVMs.
     */
    public static Extractor forkedTika(ExtractionLimits limits, ForkOptions options) {
        return new TikaExtractor(limits, Ocr.OFF, new ForkPool(limits, options, Ocr.OFF));
    }

    /**
     * {@link #forkedTika(ExtractionLimits, ForkOptions)} with OCR, run in the forked JVMs and bounded by their timeout.
     *
     * @throws IngestException when the options require OCR that this machine cannot do
     */
    public static Extractor forkedTika(ExtractionLimits limits, ForkOptions options, OcrOptions ocr) {
        Ocr resolved = Ocr.resolve(ocr, (int) Math.max(1, options.timeout().toSeconds()));
        return new TikaExtractor(limits, resolved, new ForkPool(limits, options, resolved));
    }
}
