package io.ragplatform.eval.store;

/** {@link EvalStore#saveRun} was given a run ID that is already stored; runs are immutable. */
public final class DuplicateRunException extends EvalStoreException {
    private final String runId;

    DuplicateRunException(String runId) {
        super("run '" + runId + "' is already stored", null);
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
