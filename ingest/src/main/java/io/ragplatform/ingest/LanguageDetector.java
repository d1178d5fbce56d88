package io.ragplatform.ingest;

/** Detects the language of a text. Thread-safe. */
@FunctionalInterface
public interface LanguageDetector {
    /** The language's ISO 639-1 code, or {@code "und"} when undetermined. */
    String detect(String text);

    /**
     * The language of {@link #detect} with how sure the detector is of it, from 0 to 1. By default 1 for a determined
     * language and 0 for {@code "und"}: a detector that gives no score is taken at its word. Deterministic.
     */
    default Detection identify(String text) {
        String language = detect(text);
        return new Detection(language, Detection.UNDETERMINED.equals(language) ? 0 : 1);
    }

    /** Tika's Optimaize n-gram detector over the first 20,000 characters. Loads its profiles once (~1 s). */
    static LanguageDetector tika() {
        return new TikaLanguageDetector();
    }

    /**
     * A detected language.
     *
     * @param language ISO 639-1 code, or {@value #UNDETERMINED}
     * @param confidence the detector's probability of that language, from 0 to 1 (0 when undetermined)
     */
    record Detection(String language, double confidence) {
        /** The code of a text whose language is not determined (no text, or no profile matches). */
        public static final String UNDETERMINED = "und";

        public Detection {
            java.util.Objects.requireNonNull(language, "language");
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
            }
        }
    }
}
