package io.ragplatform.ingest.pii;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets, each by a fixed shape: PEM private-key blocks ({@code -----BEGIN ... PRIVATE KEY-----} through its END
 * line; see {@link PemBlocks}), AWS access key IDs ({@code AKIA}/{@code ASIA} and 16 upper-case letters or digits),
 * Google API keys ({@code AIza} and 35 more), GitHub tokens ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_},
 * {@code ghr_}, {@code github_pat_}), Slack tokens ({@code xoxa-}, {@code xoxb-}, {@code xoxp-}, {@code xoxr-}), the
 * token after {@code Bearer} (at least 16 token characters with a letter and a digit; the word itself stays) and
 * JWTs (three base64url segments whose first decodes to a JSON object, {@code eyJ...}). Ordinary base64 words, UUIDs
 * and hashes have none of these shapes and stay.
 */
final class SecretRule implements Rule {
    private static final String AFTER = "(?![A-Za-z0-9_\\-])";
    private static final Pattern AWS = Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}" + AFTER);
    private static final Pattern GOOGLE = Pattern.compile("(?<![A-Za-z0-9_\\-])AIza[0-9A-Za-z_\\-]{35}" + AFTER);
    private static final Pattern GITHUB = Pattern.compile(
            "(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})" + AFTER);
    private static final Pattern SLACK = Pattern.compile("(?<![A-Za-z0-9])xox[abpr]-[A-Za-z0-9\\-]{10,250}" + AFTER);
    private static final Pattern BEARER =
            Pattern.compile("(?<![A-Za-z0-9])(?i:bearer)[ \\t]+([A-Za-z0-9\\-._~+/]{16,}=*)(?![A-Za-z0-9\\-._~+/=])");
    private static final Pattern JWT = Pattern.compile(
            "(?<![A-Za-z0-9_\\-.])(eyJ[A-Za-z0-9_\\-]{8,})\\.[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]*" + AFTER);

    @Override
    public void find(Scan scan, List<PiiSpan> out) {
        String text = scan.text;
        PemBlocks.find(text, out);
        at(text, "AKIA", 0, AWS, out);
        at(text, "ASIA", 0, AWS, out);
        at(text, "AIza", 0, GOOGLE, out);
        at(text, "_", 3, GITHUB, out); // gh?_
        at(text, "github_pat_", 0, GITHUB, out);
        at(text, "xox", 0, SLACK, out);
        if (containsIgnoreCase(text, "bearer")) {
            Matcher m = BEARER.matcher(text);
            while (m.find()) {
                if (Scan.hasBoth(m.group(1), Scan::isLetter, Scan::isDigit)) {
                    out.add(new PiiSpan(PiiType.SECRET, m.start(1), m.end(1)));
                }
            }
        }
        if (text.contains("eyJ")) {
            Matcher m = JWT.matcher(text);
            while (m.find()) {
                if (jsonObject(m.group(1))) {
                    out.add(new PiiSpan(PiiType.SECRET, m.start(), m.end()));
                }
            }
        }
    }

    /**
     * The matches of {@code p} that start {@code offset} characters before an occurrence of {@code literal}: the
     * expression runs only where its fixed part is.
     */
    private static void at(String text, String literal, int offset, Pattern p, List<PiiSpan> out) {
        Matcher m = null;
        int covered = 0;
        for (int i = text.indexOf(literal); i >= 0; i = text.indexOf(literal, i + 1)) {
            int start = i - offset;
            if (start < covered) {
                continue;
            }
            if (m == null) {
                m = p.matcher(text).useTransparentBounds(true);
            }
            m.region(start, text.length());
            if (m.lookingAt()) {
                out.add(new PiiSpan(PiiType.SECRET, m.start(), m.end()));
                covered = m.end();
            }
        }
    }

    private static boolean containsIgnoreCase(String text, String word) {
        char first = word.charAt(0);
        for (int i = text.length() - word.length(); i >= 0; i--) {
            if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a base64url segment (unpadded) decodes to text that opens a JSON object. */
    private static boolean jsonObject(String segment) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(segment);
            String json = new String(bytes, StandardCharsets.UTF_8).stripLeading();
            return json.startsWith("{\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
