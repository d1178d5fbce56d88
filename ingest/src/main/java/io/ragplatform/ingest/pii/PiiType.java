package io.ragplatform.ingest.pii;

/**
 * A kind of personal data or secret the redactor recognises, with the typed placeholder that replaces it in redacted
 * text. The declaration order is the order of {@link Redaction#counts()}.
 */
public enum PiiType {
    /** An e-mail address ({@code local@domain.tld}). */
    EMAIL("[EMAIL]"),
    /** A telephone number in an international or a common national format. */
    PHONE("[PHONE]"),
    /** A national identity number: a Chinese resident identity card number with its date and check character right. */
    ID_NUMBER("[ID]"),
    /** A payment card number that passes the Luhn check. */
    CARD("[CARD]"),
    /** An IBAN of a known country, with its length and mod-97 check digits right. */
    IBAN("[IBAN]"),
    /** An IPv4 or IPv6 address. */
    IP("[IP]"),
    /** A private-key block, cloud access-key ID, API or bearer token, or JWT. */
    SECRET("[SECRET]");

    private final String placeholder;

    PiiType(String placeholder) {
        this.placeholder = placeholder;
    }

    /** What replaces a value of this type in redacted text, e.g. {@code [EMAIL]}. */
    public String placeholder() {
        return placeholder;
    }
}
