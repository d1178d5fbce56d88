package io.ragplatform.api.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** The safe-default rule: without authentication the service listens on a loopback address only. */
final class Bind {
    private Bind() {}

    /** Whether {@code host} (a name or an address) is a loopback address; a name that does not resolve is not. */
    static boolean loopback(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(h)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Why the service must not start listening on {@code host}, if it must not: without keys and without an explicit
     * {@code rag.auth.disabled=true}, anyone who reaches a non-loopback address would act as admin.
     */
    static Optional<String> refusal(String host, boolean keysConfigured, boolean disabled) {
        if (keysConfigured || disabled || loopback(host)) {
            return Optional.empty();
        }
        return Optional.of("refusing to listen on " + host + " (quarkus.http.host) without API keys: anyone who"
                + " reaches it would act as admin. Configure keys (rag.auth.api-keys or rag.auth.keys-file, entries "
                + ApiKeys.SYNTAX + "; a digest: printf %s \"$KEY\" | sha256sum), or listen on 127.0.0.1, or set"
                + " rag.auth.disabled=true to run without authentication anyway");
    }
}
