package io.ragplatform.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whether extraction reads text from images (PDF pages without a text layer, PNG, JPEG, TIFF and other image files,
 * image attachments) through Tesseract, the OCR engine Tika drives. Tesseract is a separate program: on Debian the
 * packages {@value #PACKAGES}.
 *
 * @param mode when OCR runs
 * @param languages Tesseract's language codes, in order of preference (e.g. {@code eng}, {@code chi_sim})
 */
public record OcrOptions(Mode mode, List<String> languages) {
    /** The Debian packages that give Tesseract and its English and Simplified Chinese language data. */
    public static final String PACKAGES = "tesseract-ocr, tesseract-ocr-eng, tesseract-ocr-chi-sim";

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{3}(_[a-z]+)*|osd", Pattern.CASE_INSENSITIVE);

    /** When OCR runs. */
    public enum Mode {
        /** Where Tesseract is installed, with the languages of it that are installed; without it, no OCR. */
        AUTO,
        /** Never: images are refused and pages without a text layer yield nothing. */
        OFF,
        /** Always: an extractor is not built unless Tesseract and every configured language are installed. */
        REQUIRED;

        /**
         * The mode named {@code auto}, {@code off} or {@code required} (any case).
         *
         * @throws IllegalArgumentException naming the three
         */
        public static Mode parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "auto" -> AUTO;
                case "off" -> OFF;
                case "required" -> REQUIRED;
                default -> throw new IllegalArgumentException("OCR mode '" + text + "': use auto, off or required");
            };
        }
    }

    public OcrOptions {
        Objects.requireNonNull(mode, "mode");
        languages = List.copyOf(languages);
        if (mode != Mode.OFF && languages.isEmpty()) {
            throw new IllegalArgumentException("OCR needs at least one language");
        }
        for (String l : languages) {
            if (!LANGUAGE.matcher(l).matches()) {
                throw new IllegalArgumentException(
                        "OCR language '" + l + "' is not a Tesseract language code (such as eng or chi_sim)");
            }
        }
    }

    /** No OCR. */
    public static OcrOptions off() {
        return new OcrOptions(Mode.OFF, List.of());
    }

    /** OCR where Tesseract is installed, in English and Simplified Chinese. */
    public static OcrOptions auto() {
        return new OcrOptions(Mode.AUTO, List.of("eng", "chi_sim"));
    }

    /**
     * The options of a mode and Tesseract's language list syntax ({@code eng+chi_sim}).
     *
     * @throws IllegalArgumentException for an unknown mode or a malformed language
     */
    public static OcrOptions parse(String mode, String languages) {
        List<String> list = new ArrayList<>();
        for (String l : (languages == null ? "" : languages).split("\\+")) {
            if (!l.isBlank()) {
                list.add(l.strip());
            }
        }
        return new OcrOptions(Mode.parse(mode), list);
    }
}
