/**
 * The index from LangChain4j: {@link io.ragplatform.index.langchain4j.RagContentRetriever} (a {@code ContentRetriever}
 * running the index's hybrid, vector or keyword search) and {@link io.ragplatform.index.langchain4j.RagEmbeddingStore}
 * (a read-only {@code EmbeddingStore} for vector search). Both are thread-safe views; neither writes to the index.
 * See {@code docs/LANGCHAIN4J.md}.
 */
package io.ragplatform.index.langchain4j;
