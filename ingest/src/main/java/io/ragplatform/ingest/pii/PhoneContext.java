package io.ragplatform.ingest.pii;

import java.util.regex.Pattern;

/**
 * Whether a number stands where a phone number is announced: a phone word ({@code phone}, {@code tel}, {@code mobile},
 * {@code fax}, {@code call}, {@code contact}, ..., and {@code 电话}, {@code 手机}, {@code 联系}, {@code 致电},
 * {@code 座机}, {@code 传真}, {@code 热线}) at most 30 characters before it with no digit in between ({@code Phone: 467
 * 3395}, {@code call me on 9472 7916}, {@code 联系电话：6552 9988}); a label word that is not a phone word by itself
 * ({@code office}, {@code desk}, {@code home}, {@code work}) right before it with a colon ({@code Desk: 5403926876}); or
 * a label right after it ({@code 416 60 039 office}, {@code 9472 7916 (mobile)}).
 */
final class PhoneContext {
    private static final int BEFORE = 30;
    private static final Pattern WORD = Pattern.compile("(?i)(?<![a-z])(?:phones?|telephone|tel|mobile|mob|cell"
            + "|cellphone|fax|call(?:ed|ing)?|contact|dial|sms|whatsapp|hotline|landline)(?![a-z])"
            + "|电话|手机|联系|致电|座机|传真|热线");
    private static final Pattern LABEL_BEFORE =
            Pattern.compile("(?i)(?<![a-z])(?:office|desk|home|work|direct|main)[ \\t]*[:：]\\s*\\(?$");
    private static final Pattern LABEL_AFTER =
            Pattern.compile("[ \\-,]{1,2}\\(?(?i:(?:phone|tel|mobile|cell|fax|office|desk|home|work)(?![a-z]))");

    private PhoneContext() {}

    static boolean near(String text, int start, int end) {
        int from = start;
        while (from > 0 && start - from < BEFORE && !Scan.isDigit(text.charAt(from - 1))) {
            from--;
        }
        if (from < start
                && (WORD.matcher(text)
                                .region(from, start)
                                .useTransparentBounds(true)
                                .find()
                        || LABEL_BEFORE.matcher(text).region(from, start).find())) {
            return true;
        }
        return LABEL_AFTER.matcher(text).region(end, text.length()).lookingAt();
    }
}
