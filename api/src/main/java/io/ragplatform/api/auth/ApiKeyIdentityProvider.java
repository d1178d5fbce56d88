package io.ragplatform.api.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;

/**
 * Resolves a presented key to its {@link Caller}: a security identity whose principal is the key's name, whose roles
 * are its role and every role it includes (an admin is also writer and reader), and which carries the caller. An
 * unknown key fails authentication (401).
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {
    static final String CALLER_ATTRIBUTE = Caller.class.getName();

    private final Access access;

    ApiKeyIdentityProvider(Access access) {
        this.access = access;
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        // hashing and comparing a few digests is cheap; the keys file is looked at (a stat) at most once a second
        return access.authenticate(request.key())
                .map(caller -> Uni.createFrom().item(identity(caller)))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown API key")));
    }

    static SecurityIdentity identity(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.name()))
                .addRoles(new HashSet<>(caller.role().granted()))
                .addAttribute(CALLER_ATTRIBUTE, caller)
                .build();
    }
}
