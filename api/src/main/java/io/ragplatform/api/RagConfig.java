package io.ragplatform.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The service's settings ({@code rag.*} in application.properties, or {@code RAG_*} environment variables). */
@ConfigMapping(prefix = "rag")
public interface RagConfig {
    /** Where all state lives. */
    @WithDefault("data")
    Path dataDir();

    Embedding embedding();

    Upload upload();

    Extraction extraction();

    Index index();

    /** Named directory sources: {@code rag.sources.<name>.path} and, for scheduled syncs, {@code rag.sources.<name>.cron}. */
    Map<String, Source> sources();

    interface Source {
        /** The directory to sync. */
        Path path();

        /** A Quartz-style cron expression (seconds first, e.g. {@code 0 0/15 * * * ?}); none: sync on request only. */
        Optional<String> cron();
    }

    interface Index {
        /** How many of the newest index versions stay searchable. */
        @WithDefault("20")
        int retainVersions();

        /** Versions younger than this stay searchable too. */
        @WithDefault("P7D")
        java.time.Duration retainAge();
    }

    interface Embedding {
        @WithDefault("bge-small-en-v15-q")
        String model();

        /** The model's input size in tokens (special tokens included); 0 for the model's default. */
        @WithDefault("0")
        int maxTokens();

        /** When the stored vectors are of another model: {@code refuse} to start, or {@code rebuild} a shadow index. */
        @WithDefault("refuse")
        String onModelChange();
    }

    interface Upload {
        @WithDefault("104857600")
        long maxBytes();
    }

    interface Extraction {
        @WithDefault("20000000")
        long maxChars();

        @WithDefault("10000")
        int maxEmbedded();
    }
}
