package io.ragplatform.ingest;

/** Detects the language of a text. Thread-safe. */
@FunctionalInterface
public interface LanguageDetector {
    /** The language's ISO 639-1 code, or {@code "und"} when undetermined. */
    String detect(String text);

    /** Tika's Optimaize n-gram detector over the first 20,000 characters. Loads its profiles once (~1 s). */
    static LanguageDetector tika() {
        return new TikaLanguageDetector();
    }
}
