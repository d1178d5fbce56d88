package io.ragplatform.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Extractors#forkedTika} runs Tika out of process: a pool of forked JVMs, each parsing one file at a time.
 *
 * @param parsers how many forked parsers (JVMs) run at once; uploads beyond that wait for a free one
 * @param timeout the longest one file may take to parse; past it the forked parser is killed and replaced
 * @param maxHeapBytes the heap cap ({@code -Xmx}) of each forked JVM
 */
public record ForkOptions(int parsers, Duration timeout, long maxHeapBytes) {
    /** Smallest heap a forked parser is given: below it Tika's own start-up does not fit. */
    public static final long MIN_HEAP_BYTES = 64L << 20;

    public ForkOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (parsers < 1) {
            throw new IllegalArgumentException("at least one forked parser is needed: " + parsers);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the extraction timeout must be positive: " + timeout);
        }
        if (maxHeapBytes < MIN_HEAP_BYTES) {
            throw new IllegalArgumentException(
                    "a forked parser needs at least " + (MIN_HEAP_BYTES >> 20) + " MB of heap: " + maxHeapBytes);
        }
    }

    /** One parser per available processor, 60 s per file, 512 MB of heap each. */
    public static ForkOptions defaults() {
        return new ForkOptions(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(60), 512L << 20);
    }
}
