package io.ragplatform.ingest.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits that pass the Luhn check and start with a major industry identifier of card
 * issuers (1 to 6). Written either without separators or in the printed groupings (groups of four with a shorter last
 * one, American Express 4-6-5, Diners 4-6-4), one kind of separator (space or dash) throughout. A number glued to a
 * {@code +} (a phone number) or to other digits, letters or dotted parts is not a card number. Twelve digits (Maestro:
 * 5 or 6 first) are a card number only after a card word ({@code card}, {@code cc}, {@code Maestro}, ...).
 */
final class CardRule implements Rule {
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![0-9A-Za-z_+\\-.,/])[1-6][0-9]{3}(?:[ \\-]?[0-9]){8,19}(?![0-9A-Za-z_]|[.,\\-/:][0-9])");
    private static final Pattern CARD_WORD = Pattern.compile(
            "(?i)(?<![a-z])(?:card|cc|maestro|visa|mastercard|amex|debit|credit)(?![a-z])[^0-9\\n]{0,20}$");

    @Override
    public void find(Scan scan, List<PiiSpan> out) {
        String text = scan.text;
        scan.findIn(scan.numberWindows(), CANDIDATE, m -> {
            int end = validEnd(text, m.start(), m.end());
            if (end > 0) {
                out.add(new PiiSpan(PiiType.CARD, m.start(), end));
            }
            return end;
        });
    }

    /**
     * The end of the longest valid card number that starts at {@code start} and ends at a group boundary of the
     * candidate (so that a trailing group, such as a security code after the number, is let go); -1 if none.
     */
    private static int validEnd(String text, int start, int end) {
        List<Integer> groupEnds = new ArrayList<>();
        List<Integer> groupSizes = new ArrayList<>();
        char separator = 0;
        int size = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Scan.isDigit(c)) {
                size++;
                continue;
            }
            if (separator != 0 && c != separator) {
                return -1;
            }
            separator = c;
            groupEnds.add(i);
            groupSizes.add(size);
            size = 0;
        }
        groupEnds.add(end);
        groupSizes.add(size);
        for (int k = groupSizes.size(); k >= 1; k--) {
            List<Integer> sizes = groupSizes.subList(0, k);
            int digits = sizes.stream().mapToInt(Integer::intValue).sum();
            if (digits < 12) {
                break;
            }
            int to = groupEnds.get(k - 1);
            if (digits <= 19
                    && (digits > 12 || maestro(text, start, to))
                    && printedGrouping(sizes)
                    && Luhn.valid(digitsOf(text, start, to))) {
                return to;
            }
        }
        return -1;
    }

    private static boolean maestro(String text, int start, int end) {
        char first = text.charAt(start);
        return (first == '5' || first == '6')
                && end - start == 12
                && CARD_WORD
                        .matcher(text)
                        .region(Math.max(0, start - 40), start)
                        .find();
    }

    private static boolean printedGrouping(List<Integer> sizes) {
        if (sizes.size() == 1) {
            return true;
        }
        if (sizes.equals(List.of(4, 6, 5)) || sizes.equals(List.of(4, 6, 4))) {
            return true;
        }
        for (int i = 0; i < sizes.size() - 1; i++) {
            if (sizes.get(i) != 4) {
                return false;
            }
        }
        return sizes.get(sizes.size() - 1) <= 4;
    }

    private static String digitsOf(String text, int start, int end) {
        StringBuilder b = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Scan.isDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
