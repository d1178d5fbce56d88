package io.ragplatform.error;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one root of the platform's unchecked exceptions. Every failure the platform raises on purpose carries a stable,
 * lower-case machine {@link #code()} (the {@code error} field of a REST error body, the reason of a failure record)
 * and a {@link #category()} that decides how a caller treats it. The message is for people: it says what was wrong in
 * words they can act on, and names neither transport routes nor configuration keys (the edge adds those).
 *
 * <p>Exceptions of libraries (Lucene, Iceberg, Tika, the JDK) are not {@code RagException}s; where they reach the
 * edge unwrapped they are internal errors, never the caller's mistake.
 */
public class RagException extends RuntimeException {
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");

    private final String code;
    private final ErrorCategory category;

    public RagException(String code, ErrorCategory category, String message) {
        this(code, category, message, null);
    }

    public RagException(String code, ErrorCategory category, String message, Throwable cause) {
        this(code, category, message, cause, true);
    }

    /**
     * For exceptions used as a signal inside a parser, which are caught and reported by their callers:
     * {@code writableStackTrace=false} makes them cheap to throw once per bad line.
     */
    protected RagException(
            String code, ErrorCategory category, String message, Throwable cause, boolean writableStackTrace) {
        super(message, cause, true, writableStackTrace);
        if (!CODE.matcher(Objects.requireNonNull(code, "code")).matches()) {
            throw new IllegalArgumentException("error code must be lower_snake_case: " + code);
        }
        this.code = code;
        this.category = Objects.requireNonNull(category, "category");
    }

    /** The stable machine code, e.g. {@code corrupt_document}. */
    public String code() {
        return code;
    }

    public ErrorCategory category() {
        return category;
    }

    /** Whether making the same call again may succeed; by default that of the category. */
    public boolean retryable() {
        return category.retryable();
    }

    /** An {@link ErrorCategory#INVALID_INPUT} error, for checks of caller-supplied values. */
    public static RagException invalid(String code, String message) {
        return new RagException(code, ErrorCategory.INVALID_INPUT, message);
    }

    /** Throws {@link #invalid(String, String)} unless {@code condition} holds. */
    public static void check(boolean condition, String code, String message) {
        if (!condition) {
            throw invalid(code, message);
        }
    }

    /**
     * The constant of {@code type} named {@code name}, ignoring case and surrounding space: the parse of an enum-valued
     * option or request field.
     *
     * @throws RagException {@link #invalid(String, String) invalid} with {@code code} and {@code message} for any
     *     other name
     */
    public static <E extends Enum<E>> E parseName(Class<E> type, String name, String code, String message) {
        if (name == null) {
            throw invalid(code, message);
        }
        try {
            return Enum.valueOf(type, name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(code, message);
        }
    }
}
