package io.ragplatform.ingest.pii;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which {@link PiiMode} a file is prepared under: its directory source's (the sourceId starts with {@code <name>/}),
 * else the default.
 *
 * @param defaultMode the mode of uploads and of sources without their own
 * @param sources modes by source name
 */
public record PiiPolicy(PiiMode defaultMode, Map<String, PiiMode> sources) {
    /** No redaction anywhere (the library's default; the service redacts by default). */
    public static final PiiPolicy OFF = new PiiPolicy(PiiMode.OFF, Map.of());

    /** Redaction everywhere. */
    public static final PiiPolicy REDACT = new PiiPolicy(PiiMode.REDACT, Map.of());

    public PiiPolicy {
        Objects.requireNonNull(defaultMode, "defaultMode");
        sources = Map.copyOf(new TreeMap<>(sources));
    }

    /** The mode of the file stored under {@code sourceId}. */
    public PiiMode modeOf(String sourceId) {
        int slash = sourceId == null ? -1 : sourceId.indexOf('/');
        PiiMode own = slash <= 0 ? null : sources.get(sourceId.substring(0, slash));
        return own != null ? own : defaultMode;
    }
}
