package io.ragplatform.eval.store;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The REST catalog's wiring only: no REST catalog server runs in these tests. */
class RestEvalStoreTest {
    @Test
    void a_rest_store_needs_a_uri() {
        assertThrows(IllegalArgumentException.class, () -> EvalStores.rest(Map.of("warehouse", "s3://bucket/wh")));
    }

    @Test
    void an_unreachable_rest_catalog_fails_with_a_store_exception() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThrows(EvalStoreException.class, () -> EvalStores.rest(Map.of("uri", "http://127.0.0.1:" + port)));
    }
}
