package io.ragplatform.eval.store;

import java.util.OptionalInt;

/** A call named an evaluation set, or a version of one, that the store does not have. */
public final class EvalSetNotFoundException extends EvalStoreException {
    private final String name;
    private final Integer version;

    EvalSetNotFoundException(String name) {
        super("no eval set named '" + name + "'", null);
        this.name = name;
        this.version = null;
    }

    EvalSetNotFoundException(String name, int version) {
        super("eval set '" + name + "' has no version " + version, null);
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
