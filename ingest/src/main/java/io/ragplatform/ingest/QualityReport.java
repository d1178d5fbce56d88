package io.ragplatform.ingest;

import java.util.List;
import java.util.Objects;

/**
 * What a document's text is worth, measured once when it is prepared (deterministic: the same bytes under the same
 * pipeline give the same report). Shares are from 0 to 1, rounded to four decimals. "Extracted text" is the text of
 * the blocks the extractor returned, before canonicalization; its non-blank characters are those that are not white
 * space.
 *
 * @param characters characters of the canonical text (its {@code textLength})
 * @param tokens tokens of its chunks by the embedding model's counter (a table's header row repeated in each chunk of
 *     the table counts each time): what embedding it costs
 * @param replacementShare U+FFFD replacement characters (bytes the decoder could not read) per non-blank character of
 *     the extracted text
 * @param mojibakeShare characters of mojibake per non-blank character of the extracted text: UTF-8 decoded as Latin-1
 *     or Windows-1252 (a character U+00C2–U+00F4 followed by the one to three characters that those charsets make of
 *     UTF-8 continuation bytes 0x80–0xBF, e.g. {@code Ã©} for é, {@code â€™} for ’, {@code Ã¤} for ä), each such
 *     sequence counted by its length, plus each U+FFFD
 * @param language the detected language of the canonical text (ISO 639-1, or {@code und})
 * @param languageConfidence the detector's probability of that language (0 when undetermined)
 * @param boilerplateShare non-blank characters of the running headers, footers and page numbers that
 *     canonicalization drops (lines repeated at the edges of most pages) per non-blank character of the extracted
 *     text; 0 for a document of fewer than two pages. (Navigation and site chrome of HTML is dropped during
 *     extraction and is not seen here.)
 * @param repeatedLineShare lines of the canonical text (a paragraph, heading, list item, table row or code line each)
 *     that repeat an earlier line exactly, per non-blank line
 * @param pagesWithoutText the pages (1-based) whose extracted text is empty: pages 1 to the document's page count (or
 *     its last page with text) without a non-blank block; empty for a document without pages
 * @param needsOcr whether a page without text was not read by OCR (it is probably a scan)
 */
public record QualityReport(
        int characters,
        int tokens,
        double replacementShare,
        double mojibakeShare,
        String language,
        double languageConfidence,
        double boilerplateShare,
        double repeatedLineShare,
        List<Integer> pagesWithoutText,
        boolean needsOcr) {
    public QualityReport {
        Objects.requireNonNull(language, "language");
        replacementShare = share(replacementShare, "replacementShare");
        mojibakeShare = share(mojibakeShare, "mojibakeShare");
        languageConfidence = share(languageConfidence, "languageConfidence");
        boilerplateShare = share(boilerplateShare, "boilerplateShare");
        repeatedLineShare = share(repeatedLineShare, "repeatedLineShare");
        pagesWithoutText = pagesWithoutText == null ? List.of() : List.copyOf(pagesWithoutText);
    }

    /** {@code part / whole}, 0 when {@code whole} is 0. */
    static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static double share(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
        }
        return Math.round(value * 10_000) / 10_000.0;
    }
}
