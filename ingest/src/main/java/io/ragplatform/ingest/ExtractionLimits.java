package io.ragplatform.ingest;

/**
 * Bounds on what one upload may cost to extract.
 *
 * @param maxFileBytes largest accepted file
 * @param maxTextChars most characters of text extracted from one file, embedded documents included
 * @param maxEmbeddedResources most embedded documents (attachments, messages) read from one file
 */
public record ExtractionLimits(long maxFileBytes, long maxTextChars, int maxEmbeddedResources) {
    /** One of the bounds, named by a refusal that exceeds it (the edge can then say how to raise it). */
    public enum Limit {
        FILE_BYTES,
        TEXT_CHARS,
        EMBEDDED_RESOURCES,
        /** The per-file parse timeout of a forked parser ({@link ForkOptions#timeout()}). */
        PARSE_TIME,
        /** The heap cap of a forked parser ({@link ForkOptions#maxHeapBytes()}). */
        PARSER_HEAP,
        /** OCR ({@link OcrOptions}), turned off or not installed: an image or a scanned page needs it for its text. */
        OCR
    }

    public static final ExtractionLimits DEFAULTS = new ExtractionLimits(100L << 20, 20_000_000L, 10_000);

    public ExtractionLimits {
        if (maxFileBytes <= 0 || maxTextChars <= 0 || maxEmbeddedResources < 0) {
            throw new IllegalArgumentException(
                    "limits must be positive: " + maxFileBytes + ", " + maxTextChars + ", " + maxEmbeddedResources);
        }
    }
}
