package io.ragplatform.eval.store;

import io.ragplatform.error.ErrorCategory;
import java.util.OptionalInt;

/** A call named an evaluation set, or a version of one, that the store does not have. */
public final class EvalSetNotFoundException extends EvalStoreException {
    public static final String CODE = "eval_set_not_found";

    private final String name;
    private final Integer version;

    EvalSetNotFoundException(String name) {
        super(CODE, ErrorCategory.NOT_FOUND, "no eval set named '" + name + "'", null, false);
        this.name = name;
        this.version = null;
    }

    EvalSetNotFoundException(String name, int version) {
        super(CODE, ErrorCategory.NOT_FOUND, "eval set '" + name + "' has no version " + version, null, false);
        this.name = name;
        this.version = version;
    }

    /** The set's name. */
    public String name() {
        return name;
    }

    /** The version asked for, or empty when the set itself is unknown. */
    public OptionalInt version() {
        return version == null ? OptionalInt.empty() : OptionalInt.of(version);
    }
}
