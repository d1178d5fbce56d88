package io.ragplatform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The record of refused uploads: one JSON line per failure in {@code ingest-failures.jsonl} under the data
 * directory, appended and never rewritten. Thread-safe.
 */
public final class FailureLog {
    /** One refused upload. */
    public record Failure(String time, String sourceId, String fileName, long bytes, String error, String message) {}

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    FailureLog(Path file) {
        this.file = file;
    }

    public synchronized void record(Failure failure) {
        try {
            Files.write(
                    file,
                    (json.writeValueAsString(failure) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** The most recent failures, newest first. */
    public synchronized List<Failure> recent(int limit) {
        if (!Files.exists(file)) {
            return List.of();
        }
        Deque<Failure> last = new ArrayDeque<>();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isBlank()) {
                    continue;
                }
                last.addFirst(json.readValue(line, Failure.class));
                if (last.size() > limit) {
                    last.removeLast();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new ArrayList<>(last);
    }
}
