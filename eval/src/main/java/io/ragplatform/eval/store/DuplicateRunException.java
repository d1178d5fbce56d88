package io.ragplatform.eval.store;

import io.ragplatform.error.ErrorCategory;

/** {@link EvalStore#saveRun} was given a run ID that is already stored; runs are immutable, so the same call
 * fails again. */
public final class DuplicateRunException extends EvalStoreException {
    private final String runId;

    DuplicateRunException(String runId) {
        super("conflict", ErrorCategory.CONFLICT, "run '" + runId + "' is already stored", null, false);
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
