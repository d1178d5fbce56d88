package io.ragplatform.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request that declares a body beyond {@code rag.upload.max-bytes} (plus room for a multipart envelope) is answered
 * by the service's own 413 {@code file_too_large} before any byte of it is read. Without this the HTTP layer's
 * backstop ({@code quarkus.http.limits.max-body-size}) answered a bare 413 without a body; it still does for a chunked
 * body without a length that grows beyond it.
 */
@ApplicationScoped
class UploadLimit {
    /** Room for the multipart boundaries, part headers and small fields (sourceId, metadata, acl) of an upload. */
    static final long ENVELOPE = 256 * 1024;

    private final long maxBytes;

    UploadLimit(RagConfig config) {
        this.maxBytes = config.upload().maxBytes();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length > maxBytes + ENVELOPE) {
            ctx.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Json.write(new ErrorBody(
                            "file_too_large",
                            "the request body is " + length + " bytes; files up to " + maxBytes
                                    + " bytes are accepted (rag.upload.max-bytes)")));
            return;
        }
        ctx.next();
    }
}
