package io.ragplatform.eval.grounded;

import io.ragplatform.error.RagException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The user's own cross-encoder NLI or fact-checking model, run in process through ONNX Runtime when the selected
 * scorer is {@link ScorerKind#NLI} (docs/GROUNDEDNESS.md, "An NLI model where you have one"). Only values are checked
 * here; the files are opened, and checked against each other, when the scorer is built ({@link SupportScorers#nli}).
 *
 * @param model the ONNX file, such as the {@code model.onnx} that {@code optimum-cli export onnx --task
 *     text-classification} writes; required when the NLI scorer is selected
 * @param tokenizer the model's Hugging Face {@code tokenizer.json}; empty: {@code tokenizer.json} beside the model
 * @param entailmentIndex which of the model's N outputs is the entailment (or "supported") label: the score is that
 *     label's probability under a softmax over the N outputs. Empty: the one label of {@code config.json} beside the
 *     model named {@code entailment}. A model with a single output (a fact-checker's one logit) is read through a
 *     sigmoid and takes no index, or 0
 * @param maxTokens the longest input the model is given, premise, claim and special tokens together; 0 for {@link
 *     #DEFAULT_MAX_TOKENS}
 */
public record NliSettings(Optional<Path> model, Optional<Path> tokenizer, OptionalInt entailmentIndex, int maxTokens) {
    /** The input size of BERT-, RoBERTa- and DeBERTa-based NLI models. */
    public static final int DEFAULT_MAX_TOKENS = 512;

    /** The shortest input accepted: room for special tokens, a short claim and some evidence. */
    public static final int MIN_MAX_TOKENS = 32;

    public NliSettings {
        model = Objects.requireNonNull(model, "model");
        tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(entailmentIndex, "entailmentIndex");
        entailmentIndex.ifPresent(i -> RagException.check(
                i >= 0, "invalid_request", "the NLI model's entailment index must be 0 or more; was " + i));
        maxTokens = maxTokens == 0 ? DEFAULT_MAX_TOKENS : maxTokens;
        RagException.check(
                maxTokens >= MIN_MAX_TOKENS,
                "invalid_request",
                "the NLI model's max tokens must be at least " + MIN_MAX_TOKENS + "; was " + maxTokens);
    }

    /** No model; every other setting at its default. */
    public static NliSettings defaults() {
        return new NliSettings(Optional.empty(), Optional.empty(), OptionalInt.empty(), 0);
    }

    /** The model at {@code model} with its tokenizer beside it and every other setting at its default. */
    public static NliSettings of(Path model) {
        return new NliSettings(Optional.of(model), Optional.empty(), OptionalInt.empty(), 0);
    }

    /** These settings with another tokenizer file. */
    public NliSettings withTokenizer(Path tokenizer) {
        return new NliSettings(model, Optional.of(tokenizer), entailmentIndex, maxTokens);
    }

    /** These settings with another entailment index. */
    public NliSettings withEntailmentIndex(int index) {
        return new NliSettings(model, tokenizer, OptionalInt.of(index), maxTokens);
    }

    /** These settings with another input size. */
    public NliSettings withMaxTokens(int maxTokens) {
        return new NliSettings(model, tokenizer, entailmentIndex, maxTokens);
    }

    /** The tokenizer in force: the one set, else {@code tokenizer.json} beside the model; empty without a model. */
    public Optional<Path> effectiveTokenizer() {
        return tokenizer.or(() -> model.map(m -> m.toAbsolutePath().resolveSibling("tokenizer.json")));
    }
}
