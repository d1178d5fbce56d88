package io.ragplatform.api;

import java.nio.file.Path;
import java.util.List;

/**
 * The record of refused uploads: one JSON line per failure in {@code ingest-failures.jsonl} under the data
 * directory, appended and never rewritten. Thread-safe.
 */
public final class FailureLog {
    /** One refused upload. */
    public record Failure(String time, String sourceId, String fileName, long bytes, String error, String message) {}

    private final JsonLinesLog<Failure> log;

    FailureLog(Path file) {
        this.log = new JsonLinesLog<>(file, Failure.class);
    }

    public void record(Failure failure) {
        log.append(failure);
    }

    /** The most recent failures, newest first. */
    public List<Failure> recent(int limit) {
        return log.recent(limit);
    }
}
