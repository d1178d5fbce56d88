package io.ragplatform.ingest;

/**
 * Counts the tokens a text costs the embedding model, without special tokens. Must be deterministic and
 * thread-safe; chunk boundaries depend on it.
 */
@FunctionalInterface
public interface TokenCounter {
    int count(String text);

    /**
     * A model-free approximation (words and punctuation marks), for tests and tools that have no tokenizer. Real
     * ingestion uses the embedding model's own tokenizer.
     */
    static TokenCounter approximate() {
        return text -> {
            int n = 0;
            boolean inWord = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    if (!inWord) {
                        n++;
                        inWord = true;
                    }
                } else {
                    inWord = false;
                    if (!Character.isWhitespace(c)) {
                        n++;
                    }
                }
            }
            return n;
        };
    }
}
