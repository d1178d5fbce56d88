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
        return identify(text).language();
    }

    /** The best language with Optimaize's probability of it (its raw score). */
    @Override
    public Detection identify(String text) {
        if (text.isBlank()) {
            return new Detection(Detection.UNDETERMINED, 0);
        }
        String sample = text.length() > SAMPLE ? text.substring(0, SAMPLE) : text;
        LanguageResult result;
        // OptimaizeLangDetector keeps per-call state in the detector
        synchronized (detector) {
            result = detector.detect(sample);
        }
        if (result == null || result.isUnknown() || result.getLanguage().isEmpty()) {
            return new Detection(Detection.UNDETERMINED, 0);
        }
        return new Detection(result.getLanguage(), Math.clamp(result.getRawScore(), 0.0, 1.0));
    }
}
