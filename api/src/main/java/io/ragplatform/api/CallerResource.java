package io.ragplatform.api;

import io.ragplatform.api.auth.Access;
import io.ragplatform.api.auth.Caller;
import io.ragplatform.api.auth.CurrentCaller;
import io.ragplatform.api.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/auth/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.READER)
public class CallerResource {
    /** The body of {@code GET /v1/auth/me}: the key's name (never the key), role and groups. */
    public record CallerView(String name, String role, List<String> groups, boolean authenticated) {}

    @Inject
    CurrentCaller caller;

    @Inject
    Access access;

    @GET
    @Operation(
            summary = "Who the API key is: its name, role and groups",
            description = "authenticated is false when the service runs without keys (every caller is an admin).")
    public CallerView me() {
        Caller c = caller.get();
        return new CallerView(
                c.name(), c.role().id(), c.groups().stream().sorted().toList(), access.enabled());
    }
}
