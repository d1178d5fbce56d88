package io.ragplatform.api.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A presented API key on its way to {@link ApiKeyIdentityProvider}; its {@code toString} never shows the key. */
final class ApiKeyRequest extends BaseAuthenticationRequest {
    private final String key;

    ApiKeyRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyRequest[key hidden]";
    }
}
