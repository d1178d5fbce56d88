package io.ragplatform.api;

import io.ragplatform.api.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/ingest/failures")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.WRITER)
public class FailuresResource {
    private final RagEngine engine;

    FailuresResource(RagEngine engine) {
        this.engine = engine;
    }

    @GET
    @Operation(
            summary = "Refused uploads, newest first",
            description = "Each with time, sourceId, file name, size, error code and message.")
    public Views.FailuresView recent(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw ApiException.badRequest("invalid_request", "limit must be between 1 and 10000");
        }
        return new Views.FailuresView(engine.failures().recent(limit));
    }
}
