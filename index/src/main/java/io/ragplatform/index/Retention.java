package io.ragplatform.index;

import io.ragplatform.error.RagException;
import java.time.Duration;
import java.util.Objects;

/**
 * Which index versions stay searchable: the newest {@code versions}, and any younger than {@code age}. The
 * current version always stays.
 */
public record Retention(int versions, Duration age) {
    public static final Retention DEFAULT = new Retention(20, Duration.ofDays(7));

    public Retention {
        Objects.requireNonNull(age, "age");
        RagException.check(
                versions >= 1 && !age.isNegative(),
                "invalid_retention",
                "retention needs at least 1 version and a non-negative age: " + versions + ", " + age);
    }
}
