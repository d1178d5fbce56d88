package io.ragplatform.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.ragplatform.api.auth.CurrentCaller;
import io.ragplatform.error.RagException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The append-only log of writes (uploads, deletes, syncs, eval sets, runs, imports): who (the API key's name, never the
 * key), what, on what, when, and the outcome. One JSON line each in {@code <data dir>/audit/audit.jsonl} and one INFO
 * line in the log category {@code io.ragplatform.audit}. Calls refused before they ran (401, 403) are not writes and
 * are not recorded here. Thread-safe.
 */
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger("io.ragplatform.audit");
    static final String OK = "ok";
    static final String ERROR = "error";

    /**
     * One write.
     *
     * @param time when it ended (ISO-8601 UTC)
     * @param who the caller's key name ({@code anonymous} without authentication)
     * @param action {@code upload}, {@code delete}, {@code sync}, {@code set}, {@code run}, {@code import},
     *     {@code resume}, {@code quarantine-delete}, {@code quarantine-retry} ...
     * @param target what it wrote: a sourceId, document ID, source, set or run
     * @param outcome {@code ok} or {@code error}
     * @param error the error code when the outcome is {@code error}
     * @param detail what came of it: a status, a version, a run or job ID
     */
    @JsonPropertyOrder({"time", "who", "action", "target", "outcome", "error", "detail"})
    public record Entry(
            String time, String who, String action, String target, String outcome, String error, String detail) {}

    private final JsonLinesLog<Entry> log;
    private final CurrentCaller caller;

    AuditLog(RagEngine engine, CurrentCaller caller) {
        this.log = new JsonLinesLog<>(engine.dataDir().resolve("audit").resolve("audit.jsonl"), Entry.class);
        this.caller = caller;
    }

    /**
     * Runs a write of the current caller and records it: its outcome and {@code detail} of its result, or the error
     * code it failed with (the error is rethrown).
     */
    public <T> T record(String action, String target, Supplier<T> write, Function<? super T, String> detail) {
        String who = caller.get().name();
        T result;
        try {
            result = write.get();
        } catch (RuntimeException e) {
            append(new Entry(now(), who, action, target, ERROR, code(e), null));
            throw e;
        }
        append(new Entry(now(), who, action, target, OK, null, detail.apply(result)));
        return result;
    }

    /** The most recent entries, newest first. */
    public List<Entry> recent(int limit) {
        return log.recent(limit);
    }

    private void append(Entry entry) {
        log.append(entry);
        LOG.info(JsonLinesLog.line(entry));
    }

    private static String code(RuntimeException e) {
        return e instanceof RagException rag ? rag.code() : ErrorMappers.INTERNAL_ERROR;
    }

    private static String now() {
        return Instant.now().toString();
    }
}
