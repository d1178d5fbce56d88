package io.ragplatform.ingest;

/** Root of the unchecked exceptions thrown while turning bytes into documents. */
public class IngestException extends RuntimeException {
    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
