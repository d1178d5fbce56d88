package io.ragplatform.ingest.pii;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP addresses. IPv4: four dotted decimal octets of 0 to 255 without leading zeros, not part of a longer dotted number
 * ({@code 1.2.3.4.5}, an OID) and not glued to a letter ({@code v10.0.0.1} is a version). A dotted quad in range is an
 * address whatever the words around it say, so a four-part version {@code 1.2.3.4} is redacted too. IPv6: the full
 * and the compressed ({@code ::}) forms, with an IPv4 tail ({@code ::ffff:10.0.0.1}) and a zone ({@code fe80::1%eth0}),
 * checked by {@link #ipv6(String)}; it must contain a decimal digit, so that words of hex letters around a
 * {@code ::} ({@code dead::beef}) stay.
 */
final class IpRule implements Rule {
    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final Pattern IPV4 =
            Pattern.compile("(?<![0-9A-Za-z_.])" + OCTET + "(?:\\." + OCTET + "){3}(?![0-9A-Za-z_]|\\.[0-9])");
    private static final Pattern IPV6_CANDIDATE =
            Pattern.compile("(?<![0-9A-Za-z_:.])[0-9A-Fa-f:]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*");
    private static final Pattern ZONE = Pattern.compile("%[0-9A-Za-z_.\\-]{1,16}");

    @Override
    public void find(Scan scan, List<PiiSpan> out) {
        String text = scan.text;
        scan.findIn(scan.numberWindows(), IPV4, m -> Rule.take(PiiType.IP, m.start(), m.end(), out));
        int[] windows = ipv6Windows(text);
        if (windows.length == 0) {
            return;
        }
        scan.findIn(windows, IPV6_CANDIDATE, m -> {
            int end = m.end();
            while (end > m.start() && text.charAt(end - 1) == '.') {
                end--; // a sentence's full stop
            }
            if (!ipv6(text.substring(m.start(), end))) {
                return -1;
            }
            Matcher zone = ZONE.matcher(text).region(end, text.length());
            if (zone.lookingAt()) {
                end = zone.end();
            }
            boolean alone = end == text.length() || !Scan.isWordChar(text.charAt(end));
            return alone ? Rule.take(PiiType.IP, m.start(), end, out) : -1;
        });
    }

    /**
     * The runs of hex digits, colons and dots that hold at least two colons and a decimal digit, as start/end pairs:
     * where an IPv6 address can be.
     */
    private static int[] ipv6Windows(String text) {
        int[] pairs = new int[0];
        int n = 0;
        int len = text.length();
        for (int c = text.indexOf(':'); c >= 0; c = text.indexOf(':', c + 1)) {
            int start = c;
            while (start > 0 && ipv6Char(text.charAt(start - 1))) {
                start--;
            }
            int end = c + 1;
            int colons = 0;
            boolean digit = false;
            for (int i = start; i < len && ipv6Char(text.charAt(i)); i++) {
                char ch = text.charAt(i);
                colons += ch == ':' ? 1 : 0;
                digit |= Scan.isDigit(ch);
                end = i + 1;
            }
            if (colons >= 2 && digit) {
                if (n == pairs.length) {
                    pairs = Arrays.copyOf(pairs, Math.max(8, n * 2));
                }
                pairs[n++] = start;
                pairs[n++] = end;
            }
            c = end - 1;
        }
        return Scan.merge(pairs, n);
    }

    private static boolean ipv6Char(char c) {
        return isHex(c) || c == ':' || c == '.';
    }

    /** Whether {@code s} is an IPv6 address in text form (RFC 4291 section 2.2), without a zone. */
    static boolean ipv6(String s) {
        int compressed = s.indexOf("::");
        if (compressed >= 0 && s.indexOf("::", compressed + 1) >= 0) {
            return false;
        }
        if (s.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int groups;
        if (compressed < 0) {
            groups = groups(s, true);
            return groups == 8;
        }
        String head = s.substring(0, compressed);
        String tail = s.substring(compressed + 2);
        int h = head.isEmpty() ? 0 : groups(head, false);
        int t = tail.isEmpty() ? 0 : groups(tail, true);
        if (h < 0 || t < 0) {
            return false;
        }
        groups = h + t;
        return groups <= 7 && (groups > 0);
    }

    /**
     * The number of 16-bit groups in {@code part} (colon-separated hex groups of 1 to 4 digits; a dotted IPv4 tail,
     * where allowed, counts 2), or -1 if it is malformed.
     */
    private static int groups(String part, boolean ipv4Tail) {
        String[] fields = part.split(":", -1);
        int n = 0;
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (ipv4Tail && i == fields.length - 1 && f.indexOf('.') >= 0) {
                if (!IPV4.matcher(f).matches()) {
                    return -1;
                }
                n += 2;
            } else if (f.isEmpty() || f.length() > 4 || !f.chars().allMatch(IpRule::isHex)) {
                return -1;
            } else {
                n++;
            }
        }
        return n;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
