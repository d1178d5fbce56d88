package io.ragplatform.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL blocks of {@code docs/SPARK.md} marked {@code <!-- query: name -->}, as written there: the tests run the
 * documentation's own queries, so that a query that stops working fails the build.
 */
final class DocQueries {
    private static final Pattern QUERY =
            Pattern.compile("<!-- query: ([a-z0-9-]+) -->\\s*```sql\\n(.*?)```", Pattern.DOTALL);

    private DocQueries() {}

    static Map<String, String> load() {
        // surefire runs in the module's directory; the docs are the repository's
        Path doc = Path.of("..", "docs", "SPARK.md");
        try {
            Matcher m = QUERY.matcher(Files.readString(doc, StandardCharsets.UTF_8));
            Map<String, String> queries = new LinkedHashMap<>();
            while (m.find()) {
                queries.put(m.group(1), m.group(2).strip());
            }
            return queries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + doc.toAbsolutePath(), e);
        }
    }
}
