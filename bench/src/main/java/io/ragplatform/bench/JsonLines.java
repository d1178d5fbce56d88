package io.ragplatform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** JSON Lines files, the format of the public data sets the benchmark mains read: one value a line, UTF-8. */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {}

    /** Hands every non-blank line's value to {@code each}, in file order, without holding the file in memory. */
    public static void forEach(Path file, Consumer<JsonNode> each) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    each.accept(JSON.readTree(line));
                }
            }
        }
    }

    /** Every non-blank line's value, in file order. */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        forEach(file, out::add);
        return out;
    }
}
