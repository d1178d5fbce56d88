package io.ragplatform.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only calls that fail the way a library does, to see what the error mapping makes of it. */
@Path("/test/failing")
@Produces(MediaType.APPLICATION_JSON)
public class FailingResource {
    @GET
    @Path("/library-illegal-argument")
    public String libraryIllegalArgument() {
        // what the JDK, Lucene or Iceberg throw for an argument they cannot use: a fault of the service
        throw new IllegalArgumentException("Illegal character in path at index 3");
    }

    @GET
    @Path("/number-format")
    public String numberFormat() {
        return Integer.toString(Integer.parseInt("not a number"));
    }
}
