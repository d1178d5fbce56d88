package io.ragplatform.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tika.exception.TikaConfigException;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRParser;

/**
 * What OCR an extractor does, resolved once from {@link OcrOptions} against the Tesseract installed here: the parse
 * (in this JVM or a forked one) applies it, and the extractor words its refusals with it.
 *
 * @param enabled whether images and pages without a text layer are read by Tesseract
 * @param languages the languages Tesseract reads them in ({@code eng+chi_sim}), when enabled
 * @param timeoutSeconds the longest one image may take
 * @param imageTypes the image types Tesseract reads, when enabled
 * @param unavailable why OCR is not enabled, as the end of a sentence; {@code null} when it is
 */
record Ocr(boolean enabled, String languages, int timeoutSeconds, Set<String> imageTypes, String unavailable)
        implements Serializable {
    private static final System.Logger LOG = System.getLogger(Ocr.class.getName());

    /** No OCR, because it is turned off. */
    static final Ocr OFF = new Ocr(false, "", 0, Set.of(), "OCR is turned off");

    Ocr {
        imageTypes = Set.copyOf(imageTypes);
    }

    /**
     * Resolves the options against Tesseract on this machine's {@code PATH}.
     *
     * @param timeoutSeconds the longest one image may take (Tika's Tesseract timeout)
     * @throws IngestException in {@link OcrOptions.Mode#REQUIRED} mode, when Tesseract or a configured language is
     *     missing
     */
    static Ocr resolve(OcrOptions options, int timeoutSeconds) {
        return resolve(options, timeoutSeconds, "");
    }

    /** {@link #resolve(OcrOptions, int)} with Tesseract looked for in this directory ({@code ""}: on the PATH). */
    static Ocr resolve(OcrOptions options, int timeoutSeconds, String tesseractDirectory) {
        if (options.mode() == OcrOptions.Mode.OFF) {
            return OFF;
        }
        boolean required = options.mode() == OcrOptions.Mode.REQUIRED;
        TesseractOCRParser tesseract = new TesseractOCRParser();
        tesseract.setTesseractPath(tesseractDirectory);
        // so that it lists the languages it has data for
        tesseract.setPreloadLangs(true);
        boolean installed;
        try {
            tesseract.initialize(Map.of());
            installed = tesseract.hasTesseract();
        } catch (TikaConfigException e) {
            installed = false;
        }
        if (!installed) {
            String why = "OCR needs Tesseract, which is not installed (Debian packages " + OcrOptions.PACKAGES + ")";
            if (required) {
                throw new IngestException(why + "; OCR is required");
            }
            LOG.log(System.Logger.Level.INFO, "{0}: images and scanned pages yield no text", why);
            return new Ocr(false, "", 0, Set.of(), why);
        }
        Set<String> installedLanguages = tesseract.getLangs();
        List<String> usable = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String l : options.languages()) {
            (installedLanguages.contains(l) ? usable : missing).add(l);
        }
        if (!missing.isEmpty()) {
            String why = "Tesseract has no language data for " + String.join(", ", missing) + " (installed: "
                    + String.join(", ", new java.util.TreeSet<>(installedLanguages))
                    + "; Debian packages tesseract-ocr-<language>, e.g. tesseract-ocr-chi-sim)";
            if (required || usable.isEmpty()) {
                if (required) {
                    throw new IngestException(why + "; OCR is required in all configured languages");
                }
                LOG.log(System.Logger.Level.WARNING, "{0}: no OCR", why);
                return new Ocr(false, "", 0, Set.of(), why);
            }
            LOG.log(System.Logger.Level.WARNING, "{0}: OCR in {1} only", why, String.join("+", usable));
        }
        Set<String> types = new java.util.TreeSet<>();
        for (MediaType t : tesseract.getSupportedTypes(new ParseContext())) {
            // Tika reads image/png with its image parser and then Tesseract, announced as image/ocr-png
            types.add(t.getBaseType().toString().replace("image/ocr-", "image/"));
        }
        LOG.log(
                System.Logger.Level.INFO,
                "OCR through Tesseract in {0}: images and pages without a text layer are read",
                String.join("+", usable));
        return new Ocr(true, String.join("+", usable), timeoutSeconds, types, null);
    }

    /** Whether a file of this type is an image Tesseract reads. */
    boolean reads(String baseType) {
        return enabled && imageTypes.contains(baseType);
    }
}
