package io.ragplatform.eval.store;

import java.util.Objects;
import java.util.regex.Pattern;

/** The rule for evaluation-set names: 1 to 64 of {@code [A-Za-z0-9._-]}, so a name is safe in paths and tags. */
final class SetNames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private SetNames() {}

    static String check(String name) {
        Objects.requireNonNull(name, "set name");
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "invalid eval set name '" + name + "': use 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        return name;
    }
}
