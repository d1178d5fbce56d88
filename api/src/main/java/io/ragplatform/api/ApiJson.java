package io.ragplatform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.Occurrence;
import jakarta.inject.Singleton;

/**
 * How the index's values read in the API's JSON, where they differ from how the index stores them: an unknown page
 * (0) is left out rather than shown as 0. Mix-ins, so that the index's records stay the API's views without copies.
 */
@Singleton
class ApiJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(ChunkRef.class, UnknownPageLeftOut.class);
        mapper.addMixIn(Occurrence.class, UnknownPageLeftOut.class);
    }

    /** {@code page} is written only when known (above 0). */
    abstract static class UnknownPageLeftOut {
        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        abstract int page();
    }
}
