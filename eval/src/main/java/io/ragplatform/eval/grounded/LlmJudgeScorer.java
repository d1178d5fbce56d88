package io.ragplatform.eval.grounded;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks an LLM, through any LangChain4j {@link ChatModel} (OpenAI-compatible endpoints, Ollama's {@code /v1}, ...),
 * whether the contexts support a claim. The model answers with one verdict: {@code SUPPORTED} (1.0),
 * {@code UNSUPPORTED} (the contexts do not say it: 0.0) or {@code CONTRADICTED} (0.0); an optional
 * {@code confidence: 0.xx} after {@code SUPPORTED} refines the score. A reply with no verdict is asked again once, then
 * fails with {@link IllegalStateException}: an unreadable judge must not pass for a judgement. Thread-safe when the
 * model is (LangChain4j's HTTP models are).
 */
public final class LlmJudgeScorer implements SupportScorer {
    static final String SYSTEM = """
            You check whether a claim is supported by context passages. Use only the passages, not your own knowledge.
            SUPPORTED: the passages state the claim or it follows directly from them.
            CONTRADICTED: the passages say otherwise (a negation, an opposite effect, another number, name or date).
            UNSUPPORTED: the passages do not say it.
            Reply with exactly one line: SUPPORTED, CONTRADICTED or UNSUPPORTED, optionally followed by \
            "confidence: " and a number between 0 and 1.""";

    private static final Pattern VERDICT = Pattern.compile("\\b(SUPPORTED|CONTRADICTED|UNSUPPORTED|NOT SUPPORTED)\\b");
    private static final Pattern CONFIDENCE = Pattern.compile("confidence\\s*[:=]?\\s*([01](?:\\.\\d+)?)");

    private final ChatModel model;
    private final int maxContextChars;

    public LlmJudgeScorer(ChatModel model) {
        this(model, 12_000);
    }

    /** @param maxContextChars the contexts are cut to this many characters in total */
    public LlmJudgeScorer(ChatModel model, int maxContextChars) {
        this.model = Objects.requireNonNull(model, "model");
        if (maxContextChars < 100) {
            throw new IllegalArgumentException("maxContextChars too small: " + maxContextChars);
        }
        this.maxContextChars = maxContextChars;
    }

    @Override
    public double support(String claim, List<String> contexts) {
        if (contexts == null || contexts.isEmpty()) {
            return 0;
        }
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(SYSTEM), UserMessage.from(prompt(claim, contexts)))
                .build();
        String last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            ChatResponse response = model.chat(request);
            AiMessage message = response == null ? null : response.aiMessage();
            last = message == null ? null : message.text();
            Double score = parse(last);
            if (score != null) {
                return score;
            }
        }
        throw new IllegalStateException("the judge gave no verdict: " + last);
    }

    String prompt(String claim, List<String> contexts) {
        StringBuilder sb = new StringBuilder("Passages:\n");
        int budget = maxContextChars;
        for (int i = 0; i < contexts.size() && budget > 0; i++) {
            String c = contexts.get(i).strip();
            if (c.length() > budget) {
                c = c.substring(0, budget);
            }
            budget -= c.length();
            sb.append('[').append(i + 1).append("] ").append(c).append('\n');
        }
        sb.append("\nClaim: ").append(claim.strip()).append("\n\nVerdict:");
        return sb.toString();
    }

    /** The score of a reply, or null when it holds no verdict. */
    static Double parse(String reply) {
        if (reply == null) {
            return null;
        }
        String upper = reply.toUpperCase(Locale.ROOT);
        Matcher m = VERDICT.matcher(upper);
        if (!m.find()) {
            return null;
        }
        if (!m.group(1).equals("SUPPORTED")) {
            return 0.0;
        }
        Matcher c = CONFIDENCE.matcher(reply.toLowerCase(Locale.ROOT));
        if (c.find()) {
            double v = Double.parseDouble(c.group(1));
            if (v >= 0 && v <= 1) {
                return v;
            }
        }
        return 1.0;
    }

    @Override
    public String name() {
        return "llm-judge";
    }

    @Override
    public String modelId() {
        try {
            String name = model.defaultRequestParameters().modelName();
            if (name != null && !name.isBlank()) {
                return name;
            }
        } catch (RuntimeException e) {
            // a ChatModel that keeps no default parameters: name its class below
        }
        return model.getClass().getSimpleName();
    }
}
