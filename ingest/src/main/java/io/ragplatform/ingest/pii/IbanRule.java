package io.ragplatform.ingest.pii;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBANs: a country code, two check digits and the account part, written compact ({@code DE89370400440532013000}) or
 * in the printed groups of four ({@code DE89 3704 0044 0532 0130 00}), in upper or lower case (not mixed), confirmed by
 * {@link Iban#valid(String)}. When the candidate runs on into a following group of four (a word after the number),
 * the longest valid prefix that ends at a group boundary is taken.
 */
final class IbanRule implements Rule {
    private static final Pattern CANDIDATE =
            Pattern.compile("[A-Za-z]{2}[0-9]{2}(?:[ ]?[A-Za-z0-9]{4}){2,8}(?:[ ]?[A-Za-z0-9]{1,3})?(?![0-9A-Za-z_])");
    private static final int LONGEST = 48;

    @Override
    public void find(Scan scan, List<PiiSpan> out) {
        String text = scan.text;
        Matcher m = CANDIDATE.matcher(text).useTransparentBounds(true);
        int len = text.length();
        for (int i = 0; i + 15 <= len; i++) {
            if (!startsCandidate(text, i)) {
                continue;
            }
            m.region(i, Math.min(len, i + LONGEST));
            if (!m.lookingAt()) {
                continue;
            }
            String candidate = m.group();
            for (int end = candidate.length(); end >= 15; end = previousGroupEnd(candidate, end)) {
                String iban = candidate.substring(0, end);
                boolean mixedCase = Scan.hasBoth(iban, Scan::isUpper, Scan::isLower);
                if (!mixedCase && Iban.valid(iban.replace(" ", "").toUpperCase(Locale.ROOT))) {
                    out.add(new PiiSpan(PiiType.IBAN, i, i + end));
                    i += end - 1;
                    break;
                }
            }
        }
    }

    /** Two letters and two digits at the start of a word. */
    private static boolean startsCandidate(String text, int i) {
        return Scan.isLetter(text.charAt(i))
                && Scan.isLetter(text.charAt(i + 1))
                && Scan.isDigit(text.charAt(i + 2))
                && Scan.isDigit(text.charAt(i + 3))
                && (i == 0 || !Scan.isWordChar(text.charAt(i - 1)));
    }

    /** The end of the group before the one ending at {@code end} (the space before it), -1 if there is none. */
    private static int previousGroupEnd(String candidate, int end) {
        return candidate.lastIndexOf(' ', end - 1);
    }
}
