package io.ragplatform.api.auth;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads the API key of a request from {@code X-API-Key}, else from {@code Authorization: Bearer <key>}, and has
 * {@link ApiKeyIdentityProvider} resolve it; no key is an anonymous request (401 where a role is needed). With
 * authentication off every request is {@link Caller#ANONYMOUS}, an admin.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {
    public static final String HEADER = "X-API-Key";
    /** The {@code WWW-Authenticate} challenge of a 401. */
    public static final String CHALLENGE = "ApiKey realm=\"rag\"";

    private static final String BEARER = "bearer ";

    private final Access access;

    ApiKeyMechanism(Access access) {
        this.access = access;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!access.enabled()) {
            return Uni.createFrom().item(ApiKeyIdentityProvider.identity(Caller.ANONYMOUS));
        }
        String key = presentedKey(context.request());
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key), context));
    }

    /** The key in {@code X-API-Key}, else the token of {@code Authorization: Bearer}, else null. */
    static String presentedKey(HttpServerRequest request) {
        String key = request.getHeader(HEADER);
        if (key != null) {
            return key.strip();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        return null;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom()
                .item(new HttpCredentialTransport(
                        HttpCredentialTransport.Type.OTHER_HEADER, HEADER.toLowerCase(java.util.Locale.ROOT)));
    }
}
