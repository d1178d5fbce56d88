package io.ragplatform.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BindTest {
    @Test
    void loopback_addresses_and_localhost_are_loopback_and_nothing_else_is() {
        for (String host : new String[] {"127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"}) {
            assertTrue(Bind.loopback(host), host);
        }
        for (String host : new String[] {"0.0.0.0", "::", "10.1.2.3", "192.168.0.1", "no-such-host.invalid"}) {
            assertFalse(Bind.loopback(host), host);
        }
    }

    @Test
    void without_keys_only_loopback_or_an_explicit_opt_out_may_listen() {
        assertEquals(Optional.empty(), Bind.refusal("127.0.0.1", false, false));
        assertEquals(Optional.empty(), Bind.refusal("0.0.0.0", true, false));
        assertEquals(Optional.empty(), Bind.refusal("0.0.0.0", false, true));
        String refusal = Bind.refusal("0.0.0.0", false, false).orElseThrow();
        assertTrue(refusal.contains("rag.auth.api-keys"), refusal);
        assertTrue(refusal.contains("rag.auth.disabled=true"), refusal);
        assertTrue(refusal.contains("sha256sum"), refusal);
    }
}
