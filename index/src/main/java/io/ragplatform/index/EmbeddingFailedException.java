package io.ragplatform.index;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;

/**
 * The embedding model failed on a batch of chunks (its runtime threw): code {@value #CODE}, {@link
 * ErrorCategory#INTERNAL}. Nothing of the write that needed the vectors is committed.
 */
public final class EmbeddingFailedException extends RagException {
    public static final String CODE = "embedding_failed";

    public EmbeddingFailedException(String message, Throwable cause) {
        super(CODE, ErrorCategory.INTERNAL, message, cause);
    }
}
