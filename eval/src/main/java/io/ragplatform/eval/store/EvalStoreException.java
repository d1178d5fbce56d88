package io.ragplatform.eval.store;

/**
 * Root of the unchecked exceptions of an {@link EvalStore}. {@link #retryable()} tells whether the same call may
 * succeed if made again (a concurrent writer won a commit race); otherwise the call itself is at fault or the store is
 * unusable (I/O, catalog).
 */
public class EvalStoreException extends RuntimeException {
    private final boolean retryable;

    public EvalStoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public EvalStoreException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether making the same call again may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
