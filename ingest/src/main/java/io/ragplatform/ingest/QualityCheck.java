package io.ragplatform.ingest;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One data-quality check of a {@link QualityPolicy}: a condition on a document's {@link QualityReport} under which its
 * file is refused. Written as a flag ({@code empty}, {@code needs-ocr}) or as a measure, a comparison ({@code >},
 * {@code >=}, {@code <}, {@code <=}) and a number ({@code mojibake>0.05}); see {@link Measure} for the names.
 *
 * @param measure what is checked
 * @param comparison how the measure is compared with {@code threshold}; null for a flag
 * @param threshold the number it is compared with (a share from 0 to 1, or a count); 0 for a flag
 */
public record QualityCheck(Measure measure, Comparison comparison, double threshold) {
    private static final Pattern TERM = Pattern.compile("([a-z][a-z-]*)\\s*(?:(>=|<=|>|<)\\s*(\\S*))?");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    public QualityCheck {
        Objects.requireNonNull(measure, "measure");
        if (measure.flag() != (comparison == null)) {
            throw new IllegalArgumentException(
                    measure.flag() ? measure.term + " takes no comparison" : measure.term + " needs a comparison");
        }
        if (!(threshold >= 0) || (measure.share && threshold > 1)) {
            throw new IllegalArgumentException(measure.term + ": threshold out of range: " + threshold);
        }
    }

    /** What a document's report is checked for. */
    public enum Measure {
        /** Flag: the document has no text once canonicalized ({@link QualityReport#characters()} is 0). */
        EMPTY("empty", null, false, r -> r.characters()),
        /** Flag: {@link QualityReport#needsOcr()}. */
        NEEDS_OCR("needs-ocr", null, false, r -> r.needsOcr() ? 1 : 0),
        /** {@link QualityReport#characters()}. */
        CHARACTERS("characters", "characters", false, QualityReport::characters),
        /** {@link QualityReport#tokens()}. */
        TOKENS("tokens", "tokens", false, QualityReport::tokens),
        /** {@link QualityReport#replacementShare()}. */
        REPLACEMENT("replacement", "replacement-character share", true, QualityReport::replacementShare),
        /** {@link QualityReport#mojibakeShare()}. */
        MOJIBAKE("mojibake", "mojibake share", true, QualityReport::mojibakeShare),
        /** {@link QualityReport#languageConfidence()}. */
        LANGUAGE_CONFIDENCE("language-confidence", "language confidence", true, QualityReport::languageConfidence),
        /** {@link QualityReport#boilerplateShare()}. */
        BOILERPLATE("boilerplate", "boilerplate share", true, QualityReport::boilerplateShare),
        /** {@link QualityReport#repeatedLineShare()}. */
        REPEATED_LINES("repeated-lines", "repeated-line share", true, QualityReport::repeatedLineShare),
        /** The number of {@link QualityReport#pagesWithoutText()}. */
        PAGES_WITHOUT_TEXT(
                "pages-without-text",
                "pages without text",
                false,
                r -> r.pagesWithoutText().size());

        private final String term;
        private final String label;
        private final boolean share;
        private final ToDoubleFunction<QualityReport> value;

        Measure(String term, String label, boolean share, ToDoubleFunction<QualityReport> value) {
            this.term = term;
            this.label = label;
            this.share = share;
            this.value = value;
        }

        /** Its name in a check, e.g. {@code repeated-lines}. */
        public String term() {
            return term;
        }

        /** Whether it is a flag, written alone, rather than a measure compared with a number. */
        public boolean flag() {
            return label == null;
        }

        /** The names of all measures, comma-separated, in declaration order. */
        static String terms() {
            return Arrays.stream(values()).map(Measure::term).collect(Collectors.joining(", "));
        }
    }

    /** How a measure is compared with a check's threshold. */
    public enum Comparison {
        GREATER(">"),
        AT_LEAST(">="),
        LESS("<"),
        AT_MOST("<=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        boolean holds(double value, double threshold) {
            return switch (this) {
                case GREATER -> value > threshold;
                case AT_LEAST -> value >= threshold;
                case LESS -> value < threshold;
                case AT_MOST -> value <= threshold;
            };
        }

        static Comparison of(String symbol) {
            return Arrays.stream(values())
                    .filter(c -> c.symbol.equals(symbol))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /**
     * The check written as {@code term}: a flag name, or a measure name, a comparison and a number (white space around
     * the comparison allowed, names in any case).
     *
     * @throws IllegalArgumentException naming the term and what is wrong with it
     */
    public static QualityCheck parse(String term) {
        String t = term == null ? "" : term.strip().toLowerCase(Locale.ROOT);
        Matcher m = TERM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + term + "' is not a data-quality check; write a name (empty, needs-ocr) or a measure, a"
                            + " comparison and a number (mojibake>0.05)");
        }
        Measure measure = Arrays.stream(Measure.values())
                .filter(x -> x.term.equals(m.group(1)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown data-quality check '" + m.group(1) + "' in '"
                        + term.strip() + "'; the checks are " + Measure.terms()));
        if (measure.flag()) {
            if (m.group(2) != null) {
                throw new IllegalArgumentException("'" + term.strip() + "': " + measure.term
                        + " is a flag and takes no comparison; write " + measure.term + " alone");
            }
            return new QualityCheck(measure, null, 0);
        }
        if (m.group(2) == null) {
            throw new IllegalArgumentException("'" + term.strip() + "': " + measure.term
                    + " needs a comparison and a number, e.g. " + measure.term + (measure.share ? ">0.5" : "<100"));
        }
        if (!NUMBER.matcher(m.group(3)).matches()) {
            throw new IllegalArgumentException("'" + term.strip() + "': '" + m.group(3) + "' is not a number");
        }
        double threshold = Double.parseDouble(m.group(3));
        if (measure.share && threshold > 1) {
            throw new IllegalArgumentException(
                    "'" + term.strip() + "': " + measure.label + " is from 0 to 1; " + m.group(3) + " is out of range");
        }
        return new QualityCheck(measure, Comparison.of(m.group(2)), threshold);
    }

    /** Whether a document with this report fails the check (and its file is refused). */
    public boolean fails(QualityReport report) {
        double v = measure.value.applyAsDouble(report);
        return switch (measure) {
            case EMPTY -> v == 0;
            case NEEDS_OCR -> v != 0;
            default -> comparison.holds(v, threshold);
        };
    }

    /** What the report measured, in words, e.g. {@code mojibake share 0.12}. */
    public String measured(QualityReport report) {
        return switch (measure) {
            case EMPTY -> "no text once canonicalized (0 characters)";
            case NEEDS_OCR -> pages(report.pagesWithoutText()) + " without text, not read by OCR";
            default -> measure.label + " " + number(measure.value.applyAsDouble(report));
        };
    }

    private static String pages(List<Integer> pages) {
        String listed = pages.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", "));
        return (pages.size() == 1 ? "page " : "pages ") + listed + (pages.size() > 10 ? ", ..." : "");
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The check as written in configuration, e.g. {@code mojibake>0.05}. */
    @Override
    public String toString() {
        return measure.flag() ? measure.term : measure.term + comparison.symbol + number(threshold);
    }
}
