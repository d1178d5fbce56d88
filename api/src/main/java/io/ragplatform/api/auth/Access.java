package io.ragplatform.api.auth;

import io.quarkus.runtime.Startup;
import io.ragplatform.api.RagConfig;
import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Who may call the service, decided once at start-up from {@code rag.auth.*}: either no authentication (no key
 * configured, or {@code rag.auth.disabled=true}; every caller is {@link Caller#ANONYMOUS}, an admin) or API keys
 * (configured ones plus a re-read keys file). Refuses to start without keys on a non-loopback address unless
 * authentication is disabled explicitly. Thread-safe.
 */
@Startup
@ApplicationScoped
public class Access {
    private static final Logger LOG = Logger.getLogger(Access.class);

    private final boolean enabled;
    private final ApiKeys configured;
    private final KeysFile file;

    Access(RagConfig config, @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String host) {
        RagConfig.Auth auth = config.auth();
        ApiKeys fromConfig = auth.apiKeys()
                .map(entries -> ApiKeys.parse(entries, "rag.auth.api-keys"))
                .orElse(ApiKeys.NONE);
        boolean keysConfigured = fromConfig.size() > 0 || auth.keysFile().isPresent();
        Optional<String> refusal = Bind.refusal(host, keysConfigured, auth.disabled());
        if (refusal.isPresent()) {
            throw new RagException("unsafe_bind", ErrorCategory.INVALID_INPUT, refusal.get());
        }
        if (auth.disabled()) {
            this.enabled = false;
            this.configured = ApiKeys.NONE;
            this.file = null;
            LOG.warnf(
                    "rag.auth.disabled=true: no authentication on %s, every caller acts as admin%s",
                    host, keysConfigured ? " (the configured API keys are ignored)" : "");
        } else if (!keysConfigured) {
            this.enabled = false;
            this.configured = ApiKeys.NONE;
            this.file = null;
            LOG.warnf(
                    "no API keys configured: every caller acts as admin, and the service listens on %s only. To let"
                            + " others in, configure keys as SHA-256 digests (printf %%s \"$KEY\" | sha256sum) in"
                            + " rag.auth.api-keys=%s,... or one a line in rag.auth.keys-file, then listen on all"
                            + " interfaces with QUARKUS_HTTP_HOST=0.0.0.0",
                    host, ApiKeys.SYNTAX);
        } else {
            this.enabled = true;
            this.configured = fromConfig;
            this.file = auth.keysFile().map(KeysFile::load).orElse(null);
            ApiKeys all = keys();
            if (all.size() == 0) {
                LOG.warnf("API keys required but none configured yet in %s: every call answers 401", file.path());
            } else {
                LOG.infof(
                        "API keys required on %s: %d keys %s%s",
                        host,
                        all.size(),
                        all.names(),
                        file == null ? "" : " (keys file " + file.path() + ", re-read when it changes)");
            }
        }
    }

    /** Whether a caller must present a key; false: every caller is {@link Caller#ANONYMOUS}. */
    public boolean enabled() {
        return enabled;
    }

    /** The caller of that key, if it is a configured one. */
    Optional<Caller> authenticate(String key) {
        return keys().match(key);
    }

    private ApiKeys keys() {
        return file == null ? configured : configured.plus(file.current());
    }
}
