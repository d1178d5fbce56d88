package io.ragplatform.ingest.pii;

import java.util.List;

/**
 * Chinese resident identity card numbers (居民身份证号码, GB 11643): 18 characters, a 6-digit region code whose first
 * two digits are a province's (GB/T 2260: 11 to 15, 21 to 23, 31 to 37, 41 to 46, 50 to 54, 61 to 65, and 71, 81, 82,
 * 83 for Taiwan, Hong Kong, Macao and their residence permits), a birth date {@code YYYYMMDD} that is a real calendar
 * day of 1800 to 2099, a 3-digit sequence, and the ISO 7064 MOD 11-2 check character ({@code 0} to {@code 9}, or
 * {@code X} or {@code x} for 10). Written without separators, as it is printed on the card; not glued to letters,
 * digits or a dotted or dashed part, like a card number. The birth date is not compared with today, so that the result
 * does not depend on the clock.
 */
final class ResidentIdRule implements Rule {
    private static final int LENGTH = 18;
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    @Override
    public void find(Scan scan, List<PiiSpan> out) {
        String text = scan.text;
        int len = text.length();
        int i = 0;
        while (i + LENGTH <= len) {
            if (!Scan.isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int run = i;
            while (run < len && Scan.isDigit(text.charAt(run))) {
                run++;
            }
            int end = run;
            if (run - i == LENGTH - 1 && run < len && isX(text.charAt(run))) {
                end = run + 1;
            }
            if (end - i == LENGTH && apart(text, i, end) && valid(text, i)) {
                out.add(new PiiSpan(PiiType.ID_NUMBER, i, end));
            }
            i = run;
        }
    }

    /**
     * Whether the digit run {@code start..end} is a value of its own, by {@link CardRule}'s test: no letter or
     * {@code _ + - . , /} right before it, no letter, digit or {@code _} right after, and no {@code . , - / :} with a
     * digit after it ({@code 110105194912310011-2} is part of a longer reference).
     */
    private static boolean apart(String text, int start, int end) {
        if (start > 0) {
            char before = text.charAt(start - 1);
            if (Scan.isLetter(before) || "_+-.,/".indexOf(before) >= 0) {
                return false;
            }
        }
        if (end == text.length()) {
            return true;
        }
        char after = text.charAt(end);
        boolean dottedTail =
                ".,-/:".indexOf(after) >= 0 && end + 1 < text.length() && Scan.isDigit(text.charAt(end + 1));
        return !Scan.isWordChar(after) && !dottedTail;
    }

    /** Whether the 18 characters at {@code start} have a province, a birth date and the right check character. */
    static boolean valid(CharSequence s, int start) {
        int province = digit(s, start) * 10 + digit(s, start + 1);
        if (!province(province)) {
            return false;
        }
        int year = number(s, start + 6, 4);
        int month = number(s, start + 10, 2);
        int day = number(s, start + 12, 2);
        if (year < 1800 || year > 2099 || month < 1 || month > 12 || day < 1 || day > days(year, month)) {
            return false;
        }
        int sum = 0;
        for (int k = 0; k < WEIGHTS.length; k++) {
            sum += digit(s, start + k) * WEIGHTS[k];
        }
        int check = (12 - sum % 11) % 11;
        char c = s.charAt(start + LENGTH - 1);
        return check == 10 ? isX(c) : c == '0' + check;
    }

    private static boolean province(int p) {
        return (p >= 11 && p <= 15)
                || (p >= 21 && p <= 23)
                || (p >= 31 && p <= 37)
                || (p >= 41 && p <= 46)
                || (p >= 50 && p <= 54)
                || (p >= 61 && p <= 65)
                || p == 71
                || (p >= 81 && p <= 83);
    }

    private static int days(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int number(CharSequence s, int from, int digits) {
        int n = 0;
        for (int k = 0; k < digits; k++) {
            n = n * 10 + digit(s, from + k);
        }
        return n;
    }

    private static int digit(CharSequence s, int i) {
        return s.charAt(i) - '0';
    }

    private static boolean isX(char c) {
        return c == 'X' || c == 'x';
    }
}
