package io.ragplatform.ingest.pii;

/** The Luhn (mod 10) check of payment card numbers. */
final class Luhn {
    private Luhn() {}

    /** Whether {@code digits} (ASCII digits only) passes the Luhn check. */
    static boolean valid(CharSequence digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
