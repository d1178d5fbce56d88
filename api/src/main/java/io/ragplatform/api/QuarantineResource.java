package io.ragplatform.api;

import io.ragplatform.api.auth.Role;
import io.ragplatform.error.ErrorCategory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The quarantine of refused and failed files: list, remove, retry (admin). */
@Path("/v1/quarantine")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class QuarantineResource {
    /** The body of {@code DELETE /v1/quarantine/{id}}. */
    public record DeletedView(String id, String sourceId) {}

    @Inject
    QuarantineService quarantine;

    @Inject
    IngestService ingest;

    @Inject
    SyncService sync;

    @Inject
    AuditLog audit;

    @GET
    @Operation(
            summary = "Quarantined files, newest first",
            description = "One record per sourceId whose file was refused or failed (uploads, source syncs, BEIR "
                    + "imports) and not stored since: id, sourceId, origin, content hash, stage, reason, message, first "
                    + "and last seen, attempts. A sync does not parse a file again while its bytes are quarantined "
                    + "unchanged.")
    public Views.QuarantineView list(
            @QueryParam("reason") @Parameter(description = "only this reason code, e.g. corrupt_document")
                    String reason,
            @QueryParam("sourceId") @Parameter(description = "only sourceIds starting with this") String sourceId,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return new Views.QuarantineView(
                quarantine.list(Params.blankToNull(reason), Params.blankToNull(sourceId), Params.limit(limit, 10_000)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One quarantined file")
    public Views.QuarantineRecord get(@PathParam("id") String id) {
        return found(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "Remove a record (and its kept bytes)",
            description = "The file is not stored; a source's file is parsed again at the next sync. 404 when unknown.")
    public DeletedView delete(@PathParam("id") String id) {
        return audit.record(
                "quarantine-delete",
                id,
                () -> {
                    Views.QuarantineRecord r = found(id);
                    quarantine.delete(id);
                    return new DeletedView(id, r.sourceId());
                },
                d -> d.sourceId());
    }

    @POST
    @Path("/{id}/retry")
    @Operation(
            summary = "Ingest a quarantined file again",
            description =
                    "An upload (or BEIR document) from its kept bytes, with its metadata and acl; a source's file "
                            + "from the source as it is now. Answers like an upload: the stored result (the record goes), or the "
                            + "refusal (the record counts one more attempt). 409 when the upload's bytes were not kept.")
    public Views.UploadResponse retry(@PathParam("id") String id) {
        return audit.record(
                "quarantine-retry",
                id,
                () -> {
                    Views.QuarantineRecord r = found(id);
                    if (QuarantineStore.SOURCE.equals(r.origin())) {
                        return sync.retry(r);
                    }
                    java.nio.file.Path bytes = quarantine
                            .bytes(id)
                            .orElseThrow(() -> new ApiException(
                                    "bytes_not_kept",
                                    ErrorCategory.CONFLICT,
                                    "the bytes of '" + r.sourceId() + "' were not kept (over rag.upload.max-bytes or "
                                            + "rag.quarantine.max-kept-bytes); upload the file again"));
                    return ingest.ingest(
                            r.origin(), r.source(), bytes, r.fileName(), r.sourceId(), r.metadata(), r.acl());
                },
                u -> u.status() + " " + u.sourceId() + " v" + u.version() + ", " + u.embedded() + " embedded");
    }

    private Views.QuarantineRecord found(String id) {
        return ApiException.found(quarantine.get(id), "no quarantined file with id '" + id + "'");
    }
}
