package io.ragplatform.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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

/**
 * The former failure log, kept for writers as a read-only alias of the quarantine ({@code GET /v1/quarantine}, admin)
 * in the shape it had: each current record as {@code time} (last seen), sourceId, file name, size, error and message.
 */
@Path("/v1/ingest/failures")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.WRITER)
public class FailuresResource {
    /** One quarantined file in the failure log's shape. */
    @JsonPropertyOrder({"time", "sourceId", "fileName", "bytes", "error", "message"})
    public record Failure(String time, String sourceId, String fileName, long bytes, String error, String message) {}

    public record FailuresView(List<Failure> failures) {}

    @Inject
    QuarantineService quarantine;

    @GET
    @Operation(
            summary = "Refused and failed files, newest first (alias of the quarantine for writers)",
            description = "The files now in the quarantine (GET /v1/quarantine, admin), each with time (last seen), "
                    + "sourceId, file name, size, error code and message. A file stored since is no longer listed.")
    public FailuresView recent(@QueryParam("limit") @DefaultValue("100") int limit) {
        return new FailuresView(quarantine.list(null, null, Params.limit(limit, 10_000)).stream()
                .map(r -> new Failure(r.lastSeen(), r.sourceId(), r.fileName(), r.size(), r.reason(), r.message()))
                .toList());
    }
}
