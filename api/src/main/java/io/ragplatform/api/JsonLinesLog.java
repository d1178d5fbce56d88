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
 * An append-only record file under the data directory: one JSON object a line, appended (each append is written
 * and closed, so it reaches the OS at once; no fsync) and never rewritten. The records' field order is that of their
 * type's {@code @JsonPropertyOrder} or components. Thread-safe within one service.
 *
 * @param <T> the record type, a Jackson-readable record
 */
final class JsonLinesLog<T> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Class<T> type;

    JsonLinesLog(Path file, Class<T> type) {
        this.file = file;
        this.type = type;
    }

    /** The line a record is stored as (without its line break). */
    static String line(Object record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a log record as JSON", e);
        }
    }

    synchronized void append(T record) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(
                    file,
                    (line(record) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** The most recent records, newest first. */
    synchronized List<T> recent(int limit) {
        if (!Files.exists(file)) {
            return List.of();
        }
        Deque<T> last = new ArrayDeque<>();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isBlank()) {
                    continue;
                }
                last.addFirst(JSON.readValue(line, type));
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
