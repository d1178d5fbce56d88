package io.ragplatform.api.auth;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.ragplatform.index.AccessScope;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@link Caller} of the request being served, for the resources: inject this and call {@link #get()} inside a
 * resource method (whose role check has authenticated the request by then).
 */
@ApplicationScoped
public class CurrentCaller {
    private final SecurityIdentity identity;

    CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The caller of the current request.
     *
     * @throws UnauthorizedException when the request is anonymous (no key) while keys are required
     */
    public Caller get() {
        Caller caller = identity.getAttribute(ApiKeyIdentityProvider.CALLER_ATTRIBUTE);
        if (caller == null) {
            throw new UnauthorizedException();
        }
        return caller;
    }

    /** What the current caller may read of the documents ({@link Caller#scope()}). */
    public AccessScope scope() {
        return get().scope();
    }
}
