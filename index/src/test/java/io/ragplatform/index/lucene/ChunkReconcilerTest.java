package io.ragplatform.index.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ragplatform.index.lucene.ChunkReconciler.Action;
import io.ragplatform.index.lucene.Schema.StoredChunk;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one rule for chunk entries, chunk by chunk. */
class ChunkReconcilerTest {
    private static final Set<String> KEYS = Set.of("s=a\0");

    private static StoredChunk stored(String model, Set<String> keys) {
        return new StoredChunk("text", model, new float[] {1f, 0f}, keys);
    }

    @Test
    void an_unreferenced_chunk_is_deleted_if_stored() {
        assertEquals(Action.DELETE, ChunkReconciler.decide(false, stored("m", KEYS), "m", Set.of()));
        assertEquals(Action.NONE, ChunkReconciler.decide(false, null, "m", Set.of()));
    }

    @Test
    void a_referenced_chunk_without_a_vector_of_the_model_is_embedded() {
        assertEquals(Action.EMBED, ChunkReconciler.decide(true, null, "m", KEYS));
        assertEquals(Action.EMBED, ChunkReconciler.decide(true, stored("old", KEYS), "m", KEYS));
    }

    @Test
    void a_referenced_chunk_with_a_vector_is_kept_or_gets_new_filter_terms() {
        assertEquals(Action.KEEP, ChunkReconciler.decide(true, stored("m", KEYS), "m", KEYS));
        assertEquals(Action.REFILTER, ChunkReconciler.decide(true, stored("m", KEYS), "m", Set.of("s=b\0")));
    }
}
