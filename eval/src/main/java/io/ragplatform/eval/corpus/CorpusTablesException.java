package io.ragplatform.eval.corpus;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;

/**
 * A failure of the {@link CorpusTables}: the warehouse failed or another writer won a commit ({@value #UNAVAILABLE}),
 * or the export contradicts what the tables hold ({@value #VERSION_CONFLICT}, not retryable: the same export fails
 * again until the tables or the request change).
 */
public final class CorpusTablesException extends RagException {
    /** The warehouse failed (I/O, catalog), or a concurrent writer committed first. */
    public static final String UNAVAILABLE = "corpus_tables_unavailable";

    /** The tables hold a newer index version, or a version of this number from another index. */
    public static final String VERSION_CONFLICT = "corpus_version_conflict";

    private final boolean retryable;

    private CorpusTablesException(
            String code, ErrorCategory category, String message, Throwable cause, boolean retryable) {
        super(code, category, message, cause);
        this.retryable = retryable;
    }

    static CorpusTablesException unavailable(String message, Throwable cause, boolean retryable) {
        return new CorpusTablesException(UNAVAILABLE, ErrorCategory.UNAVAILABLE, message, cause, retryable);
    }

    static CorpusTablesException versionConflict(String message) {
        return new CorpusTablesException(VERSION_CONFLICT, ErrorCategory.CONFLICT, message, null, false);
    }

    /** Whether the same export may succeed if made again: a concurrent writer won, or nothing at all is known. */
    @Override
    public boolean retryable() {
        return retryable;
    }
}
