package io.ragplatform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import io.ragplatform.eval.store.EvalStoreException;
import io.ragplatform.ingest.DocumentRejectedException;
import io.ragplatform.ingest.RejectReason;
import jakarta.ws.rs.core.Response;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorMappersTest {
    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    void every_category_has_its_status() {
        Map<ErrorCategory, Integer> expected = new EnumMap<>(ErrorCategory.class);
        expected.put(ErrorCategory.INVALID_INPUT, 400);
        expected.put(ErrorCategory.UNAUTHORIZED, 401);
        expected.put(ErrorCategory.FORBIDDEN, 403);
        expected.put(ErrorCategory.UNPROCESSABLE, 422);
        expected.put(ErrorCategory.NOT_FOUND, 404);
        expected.put(ErrorCategory.CONFLICT, 409);
        expected.put(ErrorCategory.TOO_LARGE, 413);
        expected.put(ErrorCategory.UNSUPPORTED, 415);
        expected.put(ErrorCategory.UNAVAILABLE, 503);
        expected.put(ErrorCategory.INTERNAL, 500);
        for (ErrorCategory category : ErrorCategory.values()) {
            assertEquals(expected.get(category), ErrorMappers.status(category), category.name());
            Response r = mappers.rag(new RagException("some_code", category, "what went wrong"));
            assertEquals(expected.get(category), r.getStatus(), category.name());
            assertEquals("some_code", body(r).error());
        }
    }

    @Test
    void a_library_illegal_argument_is_an_internal_error_not_the_callers_mistake() {
        Response r = mappers.unexpected(new IllegalArgumentException("Lucene: field 'x' has no vectors"));
        assertEquals(500, r.getStatus());
        assertEquals("internal_error", body(r).error());
        assertFalse(body(r).message().contains("Lucene"), body(r).message());
        assertTrue(body(r).message().contains("incident"), body(r).message());
    }

    @Test
    void a_full_or_read_only_disk_under_a_library_is_storage_unavailable_not_an_incident() {
        Response full = mappers.unexpected(
                new java.io.UncheckedIOException("multipart", new java.io.IOException("No space left on device")));
        assertEquals(503, full.getStatus());
        assertEquals("storage_unavailable", body(full).error());
        assertTrue(
                body(full).message().contains("No space left on device"),
                body(full).message());
        Response readOnly =
                mappers.unexpected(new java.nio.file.FileSystemException("/data/tmp/x: Read-only file system"));
        assertEquals(503, readOnly.getStatus());
        assertEquals(
                500,
                mappers.unexpected(new java.io.IOException("Connection reset by peer"))
                        .getStatus());
    }

    @Test
    void a_user_input_error_keeps_its_code_and_message() {
        Response r = mappers.rag(RagException.invalid("invalid_eval_set", "line 2: unknown field \"relevent\""));
        assertEquals(400, r.getStatus());
        assertEquals("invalid_eval_set", body(r).error());
        assertEquals("line 2: unknown field \"relevent\"", body(r).message());
    }

    @Test
    void rejected_files_answer_the_status_of_their_reason() {
        Map<RejectReason, Integer> expected = Map.ofEntries(
                Map.entry(RejectReason.EMPTY_FILE, 400),
                Map.entry(RejectReason.INVALID_REQUEST, 400),
                Map.entry(RejectReason.TOO_LARGE, 413),
                Map.entry(RejectReason.TEXT_TOO_LARGE, 413),
                Map.entry(RejectReason.UNSUPPORTED_TYPE, 415),
                Map.entry(RejectReason.ENCRYPTED, 422),
                Map.entry(RejectReason.CORRUPT, 422),
                Map.entry(RejectReason.NO_TEXT, 422),
                Map.entry(RejectReason.ZIP_BOMB, 422),
                Map.entry(RejectReason.EXTRACTION_TIMEOUT, 422),
                Map.entry(RejectReason.EXTRACTION_FAILED, 422),
                Map.entry(RejectReason.LICENSE_DENIED, 422),
                Map.entry(RejectReason.QUALITY_CHECK, 422),
                Map.entry(RejectReason.ERASED, 422));
        for (RejectReason reason : RejectReason.values()) {
            Response r = mappers.rag(new DocumentRejectedException(reason, "'x.pdf' is refused"));
            assertEquals(expected.get(reason), r.getStatus(), reason.name());
            assertEquals(reason.code(), body(r).error());
            assertEquals(
                    reason == RejectReason.QUALITY_CHECK
                            ? "'x.pdf' is refused (rag.governance.quarantine-when)"
                            : "'x.pdf' is refused",
                    body(r).message());
        }
    }

    @Test
    void store_failures_are_503_and_a_lost_race_says_retry() {
        Response failed = mappers.rag(new EvalStoreException("I/O failure in the Iceberg warehouse", null));
        assertEquals(503, failed.getStatus());
        assertEquals("eval_store_unavailable", body(failed).error());
        assertEquals("I/O failure in the Iceberg warehouse", body(failed).message());
        Response raced = mappers.rag(new EvalStoreException("another writer changed eval set 'a'", null, true));
        assertEquals(503, raced.getStatus());
        assertEquals(
                "another writer changed eval set 'a' (a concurrent writer won; retry)",
                body(raced).message());
    }

    @Test
    void an_internal_rag_error_hides_its_details_unless_it_has_a_code_of_its_own() {
        Response generic = mappers.rag(new io.ragplatform.ingest.IngestException("cannot read uploaded file /tmp/x"));
        assertEquals(500, generic.getStatus());
        assertEquals("internal_error", body(generic).error());
        assertFalse(body(generic).message().contains("/tmp/x"), body(generic).message());
        Response own = mappers.rag(new ApiException("import_failed", ErrorCategory.INTERNAL, "the BEIR import failed"));
        assertEquals(500, own.getStatus());
        assertEquals("import_failed", body(own).error());
        assertEquals("the BEIR import failed", body(own).message());
    }

    private static ErrorBody body(Response r) {
        return (ErrorBody) r.getEntity();
    }
}
