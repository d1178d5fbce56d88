package io.ragplatform.ingest.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telephone numbers. A digit run is a phone number only in a phone-like grouping with enough digits, so that order
 * and form numbers, dates, times, version strings, ISBNs and amounts stay. Recognised on their own:
 *
 * <ul>
 *   <li>international: {@code +} and a country code, 8 to 15 digits in all (E.164), in any grouping, a national
 *       {@code (0)} allowed ({@code +44 20 7946 0958}, {@code +1 (555) 123-4567}, {@code +46 (0)8 928 571 38});
 *       {@code 00} and a country code likewise, with a separator after the code ({@code 001-518-640-0854});
 *   <li>North American: 3-3-4 digits with one separator throughout, or a bracketed area code ({@code 555-123-4567},
 *       {@code 555.123.4567}, {@code (555) 123-4567}), area code 2 to 9, optional leading {@code 1} and extension;
 *   <li>national with a trunk {@code 0}: 10 to 12 digits in two or more groups of two or more, or 9 digits in three
 *       or more groups, one separator throughout ({@code 020 7946 0958}, {@code 030 12345678}, {@code 01 23 45 67 89},
 *       {@code 03.93.92.16.85}, {@code 02 123 45 67}, {@code (08) 8747 6301});
 *   <li>Chinese mobile: {@code 1[3-9]} and 9 more digits, bare or 3-4-4 ({@code 13800138000}, {@code 138 0013 8000}),
 *       also after {@code (+86)} (with {@code +86} and {@code 0086} they are international numbers);
 *   <li>Chinese landline: an area code ({@code 010}, {@code 020} to {@code 029}, or {@code 0} and three digits) with a
 *       separator or in brackets, then 7 or 8 digits, first 2 to 9, whole or split once ({@code 010-6552 9988},
 *       {@code (010)65529988}, {@code 0755-12345678}).
 * </ul>
 *
 * Any other grouping of 7 to 12 digits in groups of two or more ({@code 467 3395}, {@code 9472 7916},
 * {@code 60-56-85-91}, a bare {@code 9498777106}) is a phone number only where a phone word announces it (see {@link
 * PhoneContext}). Nothing shaped like a date ({@code 2024-01-15}, {@code 15.01.2024}, {@code 20240115}) or a US social
 * security number ({@code 123-45-6789}) is a national number, and no number glued to a currency sign
 * ({@code ¥13800138000}) is a phone number. A national number in space-separated groups is also not taken when a
 * digit group sits right before or after it across a space ({@code 21 284 698 2548} without a phone word is not cut
 * into {@code 21} and {@code 284 698 2548}).
 */
final class PhoneRule implements Rule {
    /** Not glued to a value it could belong to, nor to a currency sign ({@code ¥13800138000} is an amount). */
    private static final String START = "(?<![0-9A-Za-z_@.+\\-/(¥$€£])";

    private static final String END = "(?![0-9A-Za-z_@]|[.\\-/:][0-9])";
    private static final String EXT = "(?:[ ]?(?i:x|ext\\.?|extension)[ ]?[0-9]{1,6})?";

    private static final Pattern INTERNATIONAL = Pattern.compile(START
            + "(?:\\+[1-9][0-9]{0,3}|00[1-9][0-9]{0,2}(?=[ .\\-]))" // country code
            + "(?:[ .\\-]?\\([0-9]{1,4}\\))?" // (0) or an area code
            + "(?:[ .\\-]?[0-9]{1,10}){1,7}"
            + EXT + END);
    private static final Pattern NORTH_AMERICAN = Pattern.compile(START + "(?:(?<![:.])1[ .\\-]?)?"
            + "(?:\\([2-9][0-9]{2}\\)[ .\\-]?[0-9]{3}[ .\\-]?[0-9]{4}|[2-9][0-9]{2}([ .\\-])[0-9]{3}\\1[0-9]{4})" + EXT
            + END);
    private static final Pattern TRUNK = Pattern.compile(START
            + "(?:0[1-9][0-9]{0,3}([ .\\-])[0-9]{2,8}(?:\\1[0-9]{2,8}){0,4}"
            + "|\\(0[1-9][0-9]{0,3}\\)[ ]?[0-9]{2,8}(?:[ \\-][0-9]{2,8}){0,3})" + EXT + END);
    private static final Pattern CHINESE_MOBILE =
            Pattern.compile(START + "(?:\\(\\+86\\)[ ]?)?1[3-9][0-9](?:([ \\-])[0-9]{4}\\1[0-9]{4}|[0-9]{8})" + END);
    /** 010 and 020 to 029 are the three-digit area codes, the others have four. */
    private static final String CHINESE_AREA = "0(?:10|2[0-9]|[3-9][0-9]{2})";

    private static final Pattern CHINESE_LANDLINE = Pattern.compile(START
            + "(?:" + CHINESE_AREA + "[ \\-]|\\(" + CHINESE_AREA + "\\)[ ]?)"
            + "[2-9][0-9]{2,3}[ \\-]?[0-9]{4}" + EXT + END);
    private static final Pattern IN_CONTEXT = Pattern.compile(
            START + "(?:\\([0-9]{2,4}\\)[ ]?)?[0-9]{2,12}(?:([ .\\-])[0-9]{2,8}(?:\\1[0-9]{2,8}){0,4})?" + EXT + END);
    private static final Pattern DATE = Pattern.compile("(?:19|20)[0-9]{2}([.\\-/ ]?)[01]?[0-9]\\1[0-3]?[0-9]"
            + "|[0-3]?[0-9]([.\\-/ ])[01]?[0-9]\\2(?:19|20)?[0-9]{2}");
    private static final Pattern US_SSN = Pattern.compile("[0-9]{3}-[0-9]{2}-[0-9]{4}");

    @Override
    public void find(Scan scan, List<PiiSpan> out) {
        String text = scan.text;
        int[] windows = scan.numberWindows();
        if (windows.length == 0) {
            return;
        }
        scan.findIn(windows, INTERNATIONAL, m -> {
            int end = internationalEnd(text, m.start(), m.end());
            return end > 0 ? Rule.take(PiiType.PHONE, m.start(), end, out) : -1;
        });
        scan.findIn(windows, NORTH_AMERICAN, m -> national(m.group()) && standsAlone(text, m) ? take(m, out) : -1);
        scan.findIn(windows, TRUNK, m -> {
            String number = m.group();
            int digits = digits(number, false);
            boolean enough = between(digits, 10, 12) || (digits == 9 && groups(number) >= 3);
            return (national(number)
                            && standsAlone(text, m)
                            && (enough || (digits == 9 && PhoneContext.near(text, m.start(), m.end()))))
                    ? take(m, out)
                    : -1;
        });
        scan.findIn(windows, CHINESE_MOBILE, m -> standsAlone(text, m) ? take(m, out) : -1);
        scan.findIn(windows, CHINESE_LANDLINE, m -> standsAlone(text, m) ? take(m, out) : -1);
        scan.findIn(windows, IN_CONTEXT, m -> {
            String number = m.group();
            int digits = digits(number, false);
            boolean bare = groups(number) == 1;
            return (between(digits, bare ? 8 : 7, 12)
                            && national(number)
                            && standsAlone(text, m)
                            && PhoneContext.near(text, m.start(), m.end()))
                    ? take(m, out)
                    : -1;
        });
    }

    /**
     * The end of an international number of 8 to 15 digits starting at {@code start}: the whole match, or, when it ran
     * on into a following number, its longest prefix that ends before a space (not inside a following token such as
     * {@code 999.1.1.1}); -1 if there is none. Dots separate groups only when nothing else does after the country
     * code ({@code +1 555.123.4567}); otherwise the number ends before the first dotted token.
     */
    private static int internationalEnd(String text, int start, int end) {
        int national = start + 1;
        while (national < end && Scan.isDigit(text.charAt(national))) {
            national++;
        }
        national++; // the separator after the country code
        int dot = text.indexOf('.', national);
        if (dot >= 0 && dot < end) {
            String rest = text.substring(national, end);
            if (rest.indexOf(' ') >= 0 || rest.indexOf('-') >= 0) {
                end = text.lastIndexOf(' ', dot);
            }
        }
        for (int e = end; e > start; e--) {
            boolean tokenEnd = e == end || text.charAt(e) == ' ';
            if (tokenEnd && (Scan.isDigit(text.charAt(e - 1)) || text.charAt(e - 1) == ')')) {
                String number = text.substring(start, e);
                int digits = digits(number, true);
                if (digits < 8) {
                    return -1;
                }
                if (digits <= 15 && balanced(number)) {
                    return e;
                }
            }
        }
        return -1;
    }

    /**
     * Whether a national number has no digit group right before or after it across a space where its own groups are
     * separated by spaces: such a group could belong to it (or it to a longer number).
     */
    private static boolean standsAlone(String text, Matcher m) {
        String number = m.group();
        int s = m.start();
        int e = m.end();
        int first = 0;
        while (first < number.length() && Scan.isDigit(number.charAt(first))) {
            first++;
        }
        int last = number.length();
        while (last > 0 && Scan.isDigit(number.charAt(last - 1))) {
            last--;
        }
        boolean before = first > 0
                && first < number.length()
                && number.charAt(first) == ' '
                && s >= 2
                && text.charAt(s - 1) == ' '
                && Scan.isDigit(text.charAt(s - 2));
        boolean after = last > 0
                && last < number.length()
                && number.charAt(last - 1) == ' '
                && e + 1 < text.length()
                && text.charAt(e) == ' '
                && Scan.isDigit(text.charAt(e + 1));
        return !before && !after;
    }

    private static boolean balanced(String number) {
        int depth = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static int take(Matcher m, List<PiiSpan> out) {
        return Rule.take(PiiType.PHONE, m.start(), m.end(), out);
    }

    private static boolean between(int n, int min, int max) {
        return n >= min && n <= max;
    }

    /** Whether a national number (its extension aside) is not shaped like a date or a social security number. */
    private static boolean national(String number) {
        String s = withoutExtension(number);
        return !DATE.matcher(s).matches() && !US_SSN.matcher(s).matches();
    }

    /**
     * The digits of a number without its extension; of an international one also without a national {@code (0)} and
     * an international {@code 00} prefix.
     */
    private static int digits(String number, boolean international) {
        String s = withoutExtension(number);
        if (international) {
            s = s.replace("(0)", "");
            if (s.startsWith("00")) {
                s = s.substring(2);
            }
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Scan.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** The number of digit groups (runs of digits) of a number without its extension. */
    private static int groups(String number) {
        String s = withoutExtension(number);
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Scan.isDigit(s.charAt(i)) && (i == 0 || !Scan.isDigit(s.charAt(i - 1)))) {
                n++;
            }
        }
        return n;
    }

    private static String withoutExtension(String number) {
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == 'x' || c == 'X' || c == 'e' || c == 'E') {
                return number.substring(0, i).strip();
            }
        }
        return number;
    }
}
