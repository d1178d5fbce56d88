package io.ragplatform.api;

import io.ragplatform.api.auth.CurrentCaller;
import io.ragplatform.api.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Produces(MediaType.APPLICATION_JSON)
@Path("/v1")
public class SourcesResource {
    @Inject
    SyncService sync;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    @GET
    @Path("/sources")
    @RolesAllowed(Role.Names.READER)
    @Operation(
            summary = "Configured sources, their schedule and last job",
            description = "The last job is shown to its owner (and callers who asked for the same running sync) and to "
                    + "admins, as GET /v1/jobs/{id} is.")
    public List<Views.SourceConfigView> sources() {
        return sync.sources(caller.get());
    }

    @POST
    @Path("/sources/{name}/sync")
    @RolesAllowed(Role.Names.WRITER)
    @Operation(
            summary = "Sync a source now",
            description = "Ingests new files, updates changed ones, deletes vanished ones and skips "
                    + "unchanged ones without parsing. Answers 202 with the job; a sync already running for the source is returned instead "
                    + "of starting a second one.")
    public Response start(@PathParam("name") String name) {
        Job job = audit.record("sync", name, () -> sync.start(name, caller.get().name()), j -> "job " + j.id());
        return Response.accepted(job.view()).build();
    }
}
