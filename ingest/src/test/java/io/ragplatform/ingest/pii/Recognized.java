package io.ragplatform.ingest.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Assertions on what {@link PiiRecognizer#standard()} finds. */
final class Recognized {
    private Recognized() {}

    static List<String> found(String text) {
        return PiiRecognizer.standard().find(text).stream()
                .map(s -> s.type() + ":" + text.substring(s.start(), s.end()))
                .toList();
    }

    /** That exactly {@code value}, as {@code type}, is found in {@code text}, and nothing else. */
    static void finds(PiiType type, String value, String text) {
        assertEquals(List.of(type + ":" + value), found(text), text);
    }

    /**
     * That exactly {@code value}, as {@code type}, is found in each of {@code contexts} ({@code %s} standing for the
     * value), and nothing else.
     */
    static void findsIn(PiiType type, String value, String... contexts) {
        for (String context : contexts) {
            finds(type, value, context.formatted(value));
        }
    }

    /** That {@code value} alone, as {@code type}, is found when it is the whole text and inside a sentence. */
    static void findsAlone(PiiType type, String value) {
        findsIn(type, value, "%s", "Details: %s, noted.");
    }

    /** That nothing is found in {@code text}. */
    static void none(String text) {
        assertEquals(List.of(), found(text), text);
    }
}
