package io.ragplatform.ingest.pii;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * E-mail addresses: an ASCII local part, {@code @}, dot-separated domain labels and an alphabetic top-level domain or
 * an internationalised one in its ASCII form ({@code xn--fiqs8s}, that is 中国). The characters around are not looked
 * at beyond one each, so an address glued to Chinese text ({@code 请联系alice@example.com或}) is found as it is and
 * ends where the Chinese begins. For the same reason a domain or local part in Chinese characters is not taken: glued
 * to Chinese text, nothing would tell where it ends. Full-width {@code ＠} and {@code ．} are ASCII in canonical text
 * (NFKC). Image names in the {@code logo@2x.png} style are not addresses.
 */
final class EmailRule implements Rule {
    private static final Pattern EMAIL = Pattern.compile("(?<![A-Za-z0-9._%+\\-])"
            + "[A-Za-z0-9][A-Za-z0-9._%+'\\-]{0,63}"
            + "@(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?\\.)+"
            + "([A-Za-z]{2,24}|(?i:xn--)[A-Za-z0-9\\-]{1,59}[A-Za-z0-9])"
            + "(?![A-Za-z0-9\\-]|\\.[A-Za-z0-9])");
    /** Top-level "domains" that are file extensions: {@code icon@2x.png} names a high-resolution image. */
    private static final Set<String> FILE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico");

    @Override
    public void find(Scan scan, List<PiiSpan> out) {
        String text = scan.text;
        int at = text.indexOf('@');
        if (at < 0) {
            return;
        }
        int[] windows = new int[8];
        int n = 0;
        for (; at >= 0; at = text.indexOf('@', at + 1)) {
            if (n == windows.length) {
                windows = Arrays.copyOf(windows, n * 2);
            }
            windows[n++] = Math.max(0, at - 64);
            windows[n++] = Math.min(text.length(), at + 256);
        }
        scan.findIn(Scan.merge(windows, n), EMAIL, m -> {
            if (FILE_EXTENSIONS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                return -1;
            }
            out.add(new PiiSpan(PiiType.EMAIL, m.start(), m.end()));
            return m.end();
        });
    }
}
