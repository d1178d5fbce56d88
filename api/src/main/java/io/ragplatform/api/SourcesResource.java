package io.ragplatform.api;

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
    private final SyncService sync;
    private final Jobs jobs;

    SourcesResource(SyncService sync, Jobs jobs) {
        this.sync = sync;
        this.jobs = jobs;
    }

    @GET
    @Path("/sources")
    @Operation(summary = "Configured sources, their schedule and last job")
    public List<Views.SourceConfigView> sources() {
        return sync.sources();
    }

    @POST
    @Path("/sources/{name}/sync")
    @Operation(
            summary = "Sync a source now",
            description = "Ingests new files, updates changed ones, deletes vanished ones and skips "
                    + "unchanged ones without parsing. Answers 202 with the job; a sync already running for the source is returned instead "
                    + "of starting a second one.")
    public Response start(@PathParam("name") String name) {
        return Response.accepted(sync.start(name).view()).build();
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(
            summary =
                    "A job (source sync, BEIR import): state (running, done, failed), counts, progress and, when done, its result")
    public Views.JobView job(@PathParam("id") String id) {
        return jobs.get(id).view();
    }
}
