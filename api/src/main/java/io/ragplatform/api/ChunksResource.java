package io.ragplatform.api;

import io.ragplatform.api.auth.CurrentCaller;
import io.ragplatform.api.auth.Role;
import io.ragplatform.index.ChunkRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/v1/chunks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.READER)
public class ChunksResource {
    @Inject
    RagEngine engine;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/{chunkId}")
    @Operation(summary = "A chunk: its text and every occurrence (document, source, character span, page)")
    public ChunkRecord get(@PathParam("chunkId") String chunkId) {
        return ApiException.found(engine.index().chunk(chunkId, caller.scope()), "no chunk with id '" + chunkId + "'");
    }

    @GET
    @Path("/{chunkId}/lineage")
    @Operation(
            summary = "Where a chunk comes from: each place it occurs, its documents and their files, from one version",
            description = "Every occurrence in a document the caller may read: the chunk's ordinal, character span and "
                    + "page, the document (version, content and metadata hashes, licence, pipeline) and the uploaded "
                    + "file's SHA-256 and size. indexVersion reads a retained version, e.g. the one an evaluation run "
                    + "pinned, so a run's retrieved chunkId leads to the sources as they were then.")
    public LineageView lineage(
            @PathParam("chunkId") String chunkId,
            @QueryParam("indexVersion") @Parameter(description = "a retained index version (default: current)")
                    String indexVersion) {
        Long version = Params.optionalLong("indexVersion", indexVersion);
        return LineageView.of(ApiException.found(
                engine.index().lineage(chunkId, caller.scope(), version),
                "no chunk with id '" + chunkId + "'" + (version == null ? "" : " in index version " + version)));
    }
}
