package io.ragplatform.eval.grounded;

import io.ragplatform.ingest.CjkText;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chinese and Japanese text as the offline scorers tokenise it. Such text has no spaces between words and no stems, so
 * a run of Han or Kana characters gives its character bigrams ("会议在北京举行" gives 会议 议在 在北 北京 京举 举行; a
 * run of one character gives that character), and the runs between them (Latin words, digits) are tokenised as
 * English. Chinese numbers are numbers: {@code 三千}, {@code 3千}, {@code 一万五千}, {@code 百分之五} (as "5", like
 * "5%"), a single numeral before a measure word ({@code 三名}). A negation cue ({@code 不 没 未 无 非}, so also
 * {@code 没有} and {@code 并非}) is a token of its own, at its place among the bigrams, unless it starts or ends a word
 * that negates nothing ({@code 非常}, {@code 未来}, {@code 无论} ...).
 */
final class CjkTokens {
    private CjkTokens() {}

    private static final String NUMERALS = "零〇一二两三四五六七八九";
    private static final String UNITS = "十百千万亿";

    /**
     * A percentage, digits with a unit, a numeral before a measure word, or two or more numerals and units with at
     * least one numeral and not starting with 万 or 亿 (that is "千万", "万一": by all means, in case).
     */
    private static final Pattern NUMBER = Pattern.compile("百分之(\\d+(?:\\.\\d+)?|[" + NUMERALS + UNITS + "]+)"
            + "|(\\d+(?:\\.\\d+)?)([" + UNITS + "]+)"
            + "|[二两三四五六七八九](?=[个名位次年天月周种项家条件台倍岁人元])"
            + "|(?![万亿])(?=[" + UNITS + "]*[" + NUMERALS + "])[" + NUMERALS + UNITS + "]{2,}");

    private static final Set<Character> NEGATION = Set.of('不', '没', '未', '无', '非');

    /** Words with a negation character that negate nothing. */
    private static final Set<String> NOT_NEGATING =
            Set.of("非常", "未来", "无论", "不仅", "不但", "不过", "不断", "不久", "除非", "非洲", "无线", "并且");

    /** Whether the text has a Han or Kana letter. */
    static boolean has(String text) {
        return text.codePoints().anyMatch(CjkTokens::isLetter);
    }

    private static boolean isLetter(int cp) {
        return Character.isLetter(cp) && CjkText.isWide(cp);
    }

    /** Whether a token is a Chinese or Japanese bigram or character (no capitals, so never an acronym). */
    static boolean isCjk(Text.Tok t) {
        return !t.raw().isEmpty() && isLetter(t.raw().codePointAt(0));
    }

    /**
     * Appends the tokens of a text with Chinese or Japanese in it to {@code out}; {@code english} tokenises the runs
     * between, given whether its first token starts the text.
     */
    static void tokens(String text, List<Text.Tok> out, BiConsumer<String, Boolean> english) {
        Matcher m = NUMBER.matcher(text);
        int from = 0;
        while (m.find()) {
            runs(text.substring(from, m.start()), out, english);
            String value = m.group(1) != null
                    ? value(m.group(1))
                    : m.group(2) != null ? scaled(m.group(2), m.group(3)) : value(m.group());
            out.add(new Text.Tok(m.group(), m.group(), value, Text.Kind.NUMBER, false, out.size()));
            from = m.end();
        }
        runs(text.substring(from), out, english);
    }

    /** Han and Kana runs as bigrams and cues, the rest as English. */
    private static void runs(String text, List<Text.Tok> out, BiConsumer<String, Boolean> english) {
        int i = 0;
        while (i < text.length()) {
            int start = i;
            boolean cjk = isLetter(text.codePointAt(i));
            while (i < text.length() && isLetter(text.codePointAt(i)) == cjk) {
                i += Character.charCount(text.codePointAt(i));
            }
            String run = text.substring(start, i);
            if (cjk) {
                bigrams(run, out);
            } else {
                english.accept(run, out.isEmpty());
            }
        }
    }

    private static void bigrams(String run, List<Text.Tok> out) {
        int[] cps = run.codePoints().toArray();
        for (int k = 0; k < cps.length; k++) {
            if (cps[k] <= Character.MAX_VALUE && NEGATION.contains((char) cps[k]) && negates(cps, k)) {
                String cue = Character.toString(cps[k]);
                out.add(new Text.Tok(cue, cue, cue, Text.Kind.WORD, false, out.size()));
            }
            if (k + 1 < cps.length || cps.length == 1) {
                String g = new String(cps, k, Math.min(2, cps.length - k));
                out.add(new Text.Tok(g, g, g, Text.Kind.WORD, false, out.size()));
            }
        }
    }

    private static boolean negates(int[] cps, int k) {
        String before = k > 0 ? new String(cps, k - 1, 2) : "";
        String after = k + 1 < cps.length ? new String(cps, k, 2) : "";
        return !NOT_NEGATING.contains(before) && !NOT_NEGATING.contains(after);
    }

    /** Digits times their units: "3千" 3000, "3.5万" 35000. */
    private static String scaled(String digits, String units) {
        BigDecimal v = new BigDecimal(digits);
        for (char u : units.toCharArray()) {
            v = v.multiply(unit(u));
        }
        return Numbers.normalize(v.toPlainString());
    }

    /** Digits as written, or Chinese numerals: "二十五" 25, "一万五千" 15000, "三亿五千万" 350000000, "二〇二三" 2023. */
    static String value(String s) {
        if (s.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return Numbers.normalize(s);
        }
        if (s.chars().noneMatch(c -> UNITS.indexOf(c) >= 0)) {
            StringBuilder digits = new StringBuilder();
            s.chars().forEach(c -> digits.append(digit((char) c)));
            return Numbers.normalize(digits.toString());
        }
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal section = BigDecimal.ZERO;
        BigDecimal digit = null;
        for (char c : s.toCharArray()) {
            int d = digit(c);
            if (d >= 0) {
                digit = BigDecimal.valueOf(d);
            } else if (c == '万') {
                total = total.add(section.add(orZero(digit)).multiply(unit(c)));
                section = BigDecimal.ZERO;
                digit = null;
            } else if (c == '亿') {
                total = total.add(section).add(orZero(digit)).multiply(unit(c));
                section = BigDecimal.ZERO;
                digit = null;
            } else {
                section = section.add((digit == null ? BigDecimal.ONE : digit).multiply(unit(c)));
                digit = null;
            }
        }
        return Numbers.normalize(total.add(section).add(orZero(digit)).toPlainString());
    }

    /** The value of a numeral, -1 for a unit. */
    private static int digit(char c) {
        return c == '〇' ? 0 : c == '两' ? 2 : "零一二三四五六七八九".indexOf(c);
    }

    private static BigDecimal orZero(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }

    private static BigDecimal unit(char u) {
        return switch (u) {
            case '十' -> BigDecimal.TEN;
            case '百' -> BigDecimal.valueOf(100);
            case '千' -> BigDecimal.valueOf(1000);
            case '万' -> BigDecimal.valueOf(10_000);
            case '亿' -> BigDecimal.valueOf(100_000_000);
            default -> throw new IllegalArgumentException("not a unit: " + u);
        };
    }
}
