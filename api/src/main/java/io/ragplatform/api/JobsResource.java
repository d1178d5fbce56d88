package io.ragplatform.api;

import io.ragplatform.api.auth.CurrentCaller;
import io.ragplatform.api.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Background jobs: source syncs, BEIR imports, asynchronous eval runs; persisted, resumable when interrupted. */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {
    /** The body of {@code GET /v1/jobs}. */
    public record JobsView(List<Views.JobView> jobs) {}

    @Inject
    Jobs jobs;

    @Inject
    SyncService sync;

    @Inject
    EvalImports imports;

    @Inject
    EvalService eval;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    @GET
    @RolesAllowed(Role.Names.READER)
    @Operation(
            summary = "Recent jobs, newest first",
            description = "The caller's own jobs (and those it joined); an admin's: all. The history keeps the newest "
                    + "rag.jobs.keep jobs (200), across restarts.")
    public JobsView recent(@QueryParam("limit") @DefaultValue("50") int limit) {
        return new JobsView(jobs.recent(caller.get(), Params.limit(limit, 1000)).stream()
                .map(Job::view)
                .toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Role.Names.READER)
    @Operation(
            summary = "A job (source sync, BEIR import, eval run): state (running, done, failed, interrupted), counts,"
                    + " progress and, when done, its result",
            description = "Only its owner (the caller who started it) and admins see a job; to anyone else it is 404."
                    + " Jobs are kept across restarts; one that was running when the service stopped is interrupted.")
    public Views.JobView job(@PathParam("id") String id) {
        return jobs.get(id, caller.get()).view();
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed(Role.Names.WRITER)
    @Operation(
            summary = "Resume an interrupted job",
            description = "Runs the job's request again under its ID: a sync syncs the source, a BEIR import re-reads "
                    + "its kept archive, an eval run evaluates the same pinned set and index versions. What the "
                    + "interrupted run stored is found unchanged (embedded 0) and a set version holding the same items "
                    + "is reused, so nothing is stored twice. 202 with the job; 409 job_not_interrupted otherwise.")
    public Response resume(@PathParam("id") String id) {
        Job job = audit.record(
                "resume",
                id,
                () -> {
                    Job j = jobs.get(id, caller.get());
                    if (!j.interrupted()) {
                        throw Jobs.notInterrupted(j);
                    }
                    return switch (j.type()) {
                        case "sync" -> sync.resume(j, caller.get().name());
                        case "beir-import" -> imports.resumeBeir(j);
                        case "eval-run" -> eval.resumeRun(j);
                        default -> throw Jobs.notInterrupted(j);
                    };
                },
                j -> "job " + j.id());
        return Response.accepted(job.view()).build();
    }
}
