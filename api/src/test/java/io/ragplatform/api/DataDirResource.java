package io.ragplatform.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives the service under test a fresh, empty data directory per test run, and three directory sources: {@code docs}
 * (synced on request by the tests), {@code qsrc} (synced on request by the quarantine tests) and {@code ticker} (synced
 * every two seconds by cron).
 */
public class DataDirResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("rag-test-data-");
            Path docs = Files.createDirectories(dir.resolve("sources/docs"));
            Path ticker = Files.createDirectories(dir.resolve("sources/ticker"));
            Path quarantined = Files.createDirectories(dir.resolve("sources/qsrc"));
            Files.writeString(ticker.resolve("note.txt"), "The ticker source holds one note about scheduled syncs.");
            return Map.of(
                    "rag.data-dir", dir.resolve("data").toString(),
                    "rag.sources.docs.path", docs.toString(),
                    "rag.sources.ticker.path", ticker.toString(),
                    "rag.sources.qsrc.path", quarantined.toString(),
                    "rag.sources.ticker.cron", "0/2 * * * * ?");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {}
}
