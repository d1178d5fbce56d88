package io.ragplatform.eval.store;

import io.ragplatform.error.RagException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rule for evaluation-set names: 1 to 64 of {@code [A-Za-z0-9._-]}, so a name is safe in paths and tags; and
 * the rule for their version numbers.
 */
final class SetNames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private SetNames() {}

    /** A name given by a caller: an invalid one is their mistake ({@code invalid_request}). */
    static String check(String name) {
        if (!valid(name)) {
            throw RagException.invalid("invalid_request", message(name));
        }
        return name;
    }

    /** A name a record holds: by then it was checked, so an invalid one is a programming error. */
    static String require(String name) {
        if (!valid(name)) {
            throw new IllegalArgumentException(message(name));
        }
        return name;
    }

    /** A version number a record holds: versions start at 1, so a lower one is a programming error. */
    static int requireVersion(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("set versions start at 1, was " + version);
        }
        return version;
    }

    private static boolean valid(String name) {
        return VALID.matcher(Objects.requireNonNull(name, "set name")).matches();
    }

    private static String message(String name) {
        return "invalid eval set name '" + name + "': use 1 to 64 of A-Z a-z 0-9 . _ -";
    }
}
