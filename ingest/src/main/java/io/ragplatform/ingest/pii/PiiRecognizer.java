package io.ragplatform.ingest.pii;

import java.util.List;

/**
 * Finds personal data and secrets in a string: regular-expression candidates, each confirmed by its type's validator
 * (Luhn, mod 97, ISO 7064 mod 11-2, octet ranges, phone groupings). Deterministic: the result depends on the
 * characters only, never on the locale, the default charset or the clock.
 */
public interface PiiRecognizer {
    /**
     * The spans recognised in {@code text}, sorted by start and never overlapping. Where candidates overlap, a
     * {@link PiiType#SECRET} wins, then the more specific type (e-mail, IBAN, identity number, card, IP, phone, in that
     * order), then the longer span, then the earlier.
     */
    List<PiiSpan> find(String text);

    /** The recogniser of {@link Redactor#standard()}. */
    static PiiRecognizer standard() {
        return StandardRecognizer.INSTANCE;
    }
}
