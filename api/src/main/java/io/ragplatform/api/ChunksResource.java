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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

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
}
