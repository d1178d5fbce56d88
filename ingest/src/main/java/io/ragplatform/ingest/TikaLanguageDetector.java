package io.ragplatform.ingest;

import org.apache.tika.langdetect.optimaize.OptimaizeLangDetector;
import org.apache.tika.language.detect.LanguageResult;

final class TikaLanguageDetector implements LanguageDetector {
    private static final int SAMPLE = 20_000;
    private final OptimaizeLangDetector detector;

    TikaLanguageDetector() {
        detector = new OptimaizeLangDetector();
        detector.loadModels();
    }

    @Override
    public String detect(String text) {
        if (text.isBlank()) {
            return "und";
        }
        String sample = text.length() > SAMPLE ? text.substring(0, SAMPLE) : text;
        LanguageResult result;
        // OptimaizeLangDetector keeps per-call state in the detector
        synchronized (detector) {
            result = detector.detect(sample);
        }
        return result == null || result.isUnknown() || result.getLanguage().isEmpty() ? "und" : result.getLanguage();
    }
}
