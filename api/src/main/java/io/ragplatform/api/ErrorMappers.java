package io.ragplatform.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.ragplatform.api.auth.ApiKeyMechanism;
import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import io.ragplatform.eval.store.EvalStoreException;
import io.ragplatform.index.VersionNotRetainedException;
import io.ragplatform.ingest.DocumentRejectedException;
import io.ragplatform.ingest.ExtractionLimits;
import io.ragplatform.ingest.RejectReason;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Every error becomes {@code {"error", "message"}}; a bad file never becomes a 500 or a stack trace. A {@link
 * RagException} answers its code with the status of its category ({@link #status}); anything else (a library's
 * exception, a bug) is a 500 {@code internal_error} whose cause is logged under an incident ID.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    static final String INTERNAL_ERROR = "internal_error";

    /** The one table from error category to HTTP status. */
    static int status(ErrorCategory category) {
        return switch (category) {
            case INVALID_INPUT -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case UNPROCESSABLE -> 422;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED -> 415;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    @ServerExceptionMapper
    public Response rag(RagException e) {
        ErrorCategory category = e.category();
        if (category == ErrorCategory.INTERNAL) {
            String incident = incident();
            LOG.errorf(e, "internal error %s, incident %s", e.code(), incident);
            // our own internal errors with a code of their own say what failed; the generic one hides its details
            return error(500, e.code(), e.code().equals(INTERNAL_ERROR) ? incidentMessage(incident) : e.getMessage());
        }
        if (category == ErrorCategory.UNAVAILABLE) {
            LOG.errorf(e, "%s: %s", e.code(), e.getMessage());
        }
        Response response = error(status(category), e.code(), message(e));
        if (category == ErrorCategory.UNAUTHORIZED) {
            response.getHeaders().putSingle("WWW-Authenticate", ApiKeyMechanism.CHALLENGE);
        }
        return response;
    }

    /**
     * The message a caller sees (and the quarantine records): the exception's, plus the hints only this layer can
     * give (configuration keys, what to do next).
     */
    static String message(RagException e) {
        String message = e.getMessage();
        if (e instanceof EvalStoreException && e.retryable()) {
            return message + " (a concurrent writer won; retry)";
        }
        if (e instanceof VersionNotRetainedException) {
            return message + "; GET /v1/index/versions lists those that are";
        }
        if (e instanceof DocumentRejectedException rejected) {
            ExtractionLimits.Limit limit = rejected.limit().orElse(null);
            if (limit == ExtractionLimits.Limit.EMBEDDED_RESOURCES) {
                return message + " or raise rag.extraction.max-embedded";
            }
            if (limit == ExtractionLimits.Limit.PARSE_TIME) {
                return message + " (rag.extraction.timeout)";
            }
            if (limit == ExtractionLimits.Limit.PARSER_HEAP) {
                return message + " (rag.extraction.max-heap)";
            }
            if (limit == ExtractionLimits.Limit.OCR) {
                return message + " (rag.extraction.ocr)";
            }
            if (rejected.reason() == RejectReason.QUALITY_CHECK) {
                return message + " (rag.governance.quarantine-when)";
            }
        }
        return message;
    }

    /** No key where a role is needed: 401 with the challenge. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return rag(new ApiException(
                "unauthorized",
                ErrorCategory.UNAUTHORIZED,
                "this call needs an API key: send it in the " + ApiKeyMechanism.HEADER
                        + " header (or Authorization: Bearer <key>)"));
    }

    /** A key that is not configured (unknown, revoked): 401 with the challenge, saying nothing about the key. */
    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return rag(new ApiException(
                "unauthorized", ErrorCategory.UNAUTHORIZED, "the API key is not valid (unknown or revoked)"));
    }

    /** A known key whose role does not allow the call: 403 naming the role the call needs. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, SimpleResourceInfo resource) {
        return rag(new ApiException("forbidden", ErrorCategory.FORBIDDEN, forbiddenMessage(resource)));
    }

    private static String forbiddenMessage(SimpleResourceInfo resource) {
        RolesAllowed roles = null;
        if (resource != null && resource.getResourceClass() != null) {
            try {
                roles = resource.getResourceClass()
                        .getMethod(resource.getMethodName(), resource.parameterTypes())
                        .getAnnotation(RolesAllowed.class);
            } catch (NoSuchMethodException e) {
                // the generic message below
            }
        }
        return roles == null || roles.value().length == 0
                ? "the role of this API key does not allow this call"
                : "this call needs the " + String.join(" or ", roles.value()) + " role; this API key's role is lower";
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
            default -> status >= 500 ? INTERNAL_ERROR : "bad_request";
        };
        String message =
                e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage();
        return error(status, code, message);
    }

    /**
     * Anything that is not a {@link RagException}: a library's exception (an {@link IllegalArgumentException} of the
     * JDK, Lucene or Iceberg included) or a bug; never the caller's mistake.
     */
    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        String fault = storageFault(e);
        if (fault != null) {
            // the data directory (an upload's temporary file, a log) cannot be written: the caller may retry later
            LOG.warnf("a write failed on storage: %s", fault);
            return error(
                    503,
                    "storage_unavailable",
                    "the data directory cannot be written (" + fault + "); nothing of the request was stored, reads go"
                            + " on; retry once it has space and is writable");
        }
        String incident = incident();
        LOG.errorf(e, "unexpected error, incident %s", incident);
        return error(500, INTERNAL_ERROR, incidentMessage(incident));
    }

    /** What a failure of the storage says ("No space left on device", ...), or null when {@code e} is not one. */
    static String storageFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.ReadOnlyFileSystemException) {
                return "read-only file system";
            }
            if (t instanceof java.io.IOException && t.getMessage() != null) {
                String m = t.getMessage();
                if (m.contains("No space left on device")
                        || m.contains("Read-only file system")
                        || m.contains("Disk quota exceeded")) {
                    return m;
                }
            }
        }
        return null;
    }

    private static String incident() {
        return UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    private static String incidentMessage(String incident) {
        return "the service failed on this request (incident " + incident + "; see the service log)";
    }

    static Response error(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code, message))
                .build();
    }
}
