package io.ragplatform.eval.store;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;

/**
 * Root of the exceptions of an {@link EvalStore}. Used directly it means the store failed ({@code
 * eval_store_unavailable}: I/O, catalog, a lost commit race); {@link #retryable()} tells whether the same call may
 * succeed if made again (a concurrent writer won a commit race). Subclasses name what the call itself got wrong.
 */
public class EvalStoreException extends RagException {
    /** The code of a store that failed. */
    public static final String UNAVAILABLE = "eval_store_unavailable";

    private final boolean retryable;

    public EvalStoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public EvalStoreException(String message, Throwable cause, boolean retryable) {
        this(UNAVAILABLE, ErrorCategory.UNAVAILABLE, message, cause, retryable);
    }

    protected EvalStoreException(
            String code, ErrorCategory category, String message, Throwable cause, boolean retryable) {
        super(code, category, message, cause);
        this.retryable = retryable;
    }

    /** Whether making the same call again may succeed (a concurrent writer won); false for other store failures. */
    @Override
    public boolean retryable() {
        return retryable;
    }
}
