package io.ragplatform.ingest.pii;

import java.util.Locale;

/** What the redactor does with what it recognises, configurable per source; {@link #REDACT} is the default. */
public enum PiiMode {
    /** Replace each value with its type's placeholder; report the hits. */
    REDACT,
    /** Leave the text as it is; report the hits (their spans are in the unchanged text). */
    FLAG,
    /** Neither look nor change anything. */
    OFF;

    /**
     * The mode named by configuration text: {@code redact}, {@code flag} or {@code off}, ignoring case and surrounding
     * white space.
     *
     * @throws IllegalArgumentException for anything else, naming the accepted values
     */
    public static PiiMode parse(String text) {
        if (text != null) {
            switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "redact":
                    return REDACT;
                case "flag":
                    return FLAG;
                case "off":
                    return OFF;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                "PII mode must be one of redact, flag, off; got " + (text == null ? "nothing" : "'" + text + "'"));
    }
}
