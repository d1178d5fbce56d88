package io.ragplatform.api;

import io.ragplatform.index.IndexStats;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
public class IndexHealthCheck implements HealthCheck {
    private final RagEngine engine;

    IndexHealthCheck(RagEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        IndexStats s = engine.index().stats();
        return HealthCheckResponse.named("index")
                .up()
                .withData("indexVersion", s.indexVersion())
                .withData("documents", s.documents())
                .withData("chunks", s.chunks())
                .withData("model", s.modelId())
                .withData(
                        "rebuild",
                        engine.index()
                                .rebuild()
                                .map(r -> r.state().json() + " " + r.fromModel() + " -> " + r.toModel())
                                .orElse("none"))
                .build();
    }
}
