package io.ragplatform.eval.grounded;

import io.ragplatform.error.RagException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The LLM judge's OpenAI-compatible endpoint.
 *
 * @param baseUrl the endpoint (default {@link #DEFAULT_BASE_URL}; Ollama: {@code http://localhost:11434/v1}; vLLM, LM
 *     Studio, LiteLLM alike)
 * @param model the model name; required when the judge is the selected scorer
 * @param apiKey the key, if the endpoint needs one
 * @param timeout per request, positive
 */
public record LlmJudgeSettings(String baseUrl, Optional<String> model, Optional<String> apiKey, Duration timeout) {
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public LlmJudgeSettings {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.strip();
        model = Objects.requireNonNull(model, "model").map(String::strip).filter(m -> !m.isEmpty());
        apiKey = Objects.requireNonNull(apiKey, "apiKey").filter(k -> !k.isBlank());
        Objects.requireNonNull(timeout, "timeout");
        RagException.check(
                !timeout.isNegative() && !timeout.isZero(),
                "invalid_request",
                "the LLM judge's timeout must be positive; was " + timeout.toSeconds() + " seconds");
    }

    /** No model, the default endpoint and timeout. */
    public static LlmJudgeSettings defaults() {
        return new LlmJudgeSettings(DEFAULT_BASE_URL, Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT);
    }

    /** These settings with {@code model}. */
    public LlmJudgeSettings withModel(String model) {
        return new LlmJudgeSettings(baseUrl, Optional.ofNullable(model), apiKey, timeout);
    }
}
