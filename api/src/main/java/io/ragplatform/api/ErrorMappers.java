package io.ragplatform.api;

import io.ragplatform.error.RagException;
import io.ragplatform.ingest.DocumentRejectedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error becomes {@code {"error", "message"}}; a bad file never becomes a 500 or a stack trace. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response rejected(DocumentRejectedException e) {
        int status = switch (e.reason()) {
            case EMPTY_FILE, INVALID_REQUEST -> 400;
            case TOO_LARGE, TEXT_TOO_LARGE -> 413;
            case UNSUPPORTED_TYPE -> 415;
            case ENCRYPTED, CORRUPT, NO_TEXT -> 422;
        };
        return error(status, e.reason().code(), e.getMessage());
    }

    /**
     * Any {@link RagException} without a mapper of its own: its code, a status by its category. (Interim: the
     * category table is being rewritten separately.)
     */
    @ServerExceptionMapper
    public Response rag(RagException e) {
        int status = switch (e.category()) {
            case INVALID_INPUT -> 400;
            case UNPROCESSABLE -> 422;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED -> 415;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
        if (status == 500) {
            LOG.errorf(e, "internal error %s", e.code());
        }
        return error(status, e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response evalSetNotFound(io.ragplatform.eval.store.EvalSetNotFoundException e) {
        return error(404, "eval_set_not_found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response duplicateRun(io.ragplatform.eval.store.DuplicateRunException e) {
        return error(409, "conflict", e.getMessage());
    }

    @ServerExceptionMapper
    public Response evalStore(io.ragplatform.eval.store.EvalStoreException e) {
        LOG.errorf(e, "evaluation store failure");
        return error(
                503,
                "eval_store_unavailable",
                e.getMessage() + (e.retryable() ? " (a concurrent writer won; retry)" : ""));
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return error(e.status(), e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        return error(400, "invalid_request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "request_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        String message =
                e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage();
        return error(status, code, message);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        String incident = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        LOG.errorf(e, "unexpected error, incident %s", incident);
        return error(
                500,
                "internal_error",
                "the service failed on this request (incident " + incident + "; see the service log)");
    }

    static Response error(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code, message))
                .build();
    }
}
