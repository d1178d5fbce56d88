package io.ragplatform.api;

import io.ragplatform.api.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class AuditResource {
    /** The body of {@code GET /v1/audit/log}. */
    public record AuditView(List<AuditLog.Entry> entries) {}

    @Inject
    AuditLog audit;

    @GET
    @Path("/log")
    @Operation(
            summary = "The audit log of writes, newest first",
            description =
                    "Uploads, deletes, syncs, eval sets, runs and imports: time, who (the API key's name), action,"
                            + " target, outcome (ok or error with its code) and detail.")
    public AuditView log(@QueryParam("limit") @DefaultValue("100") int limit) {
        return new AuditView(audit.recent(Params.limit(limit, 10_000)));
    }
}
