package io.ragplatform.index;

/** A search named an index version that is not retained (too old, or never existed). */
public final class VersionNotRetainedException extends RuntimeException {
    private final long version;

    public VersionNotRetainedException(long version, String message) {
        super(message);
        this.version = version;
    }

    public long version() {
        return version;
    }
}
