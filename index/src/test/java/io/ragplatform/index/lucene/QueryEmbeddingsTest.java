package io.ragplatform.index.lucene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ragplatform.index.ForwardingEmbedder;
import io.ragplatform.index.IndexFixture;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchMode;
import io.ragplatform.index.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Repeated queries skip the model, the least recently used query leaves first, and the vectors are the model's. */
class QueryEmbeddingsTest extends IndexFixture {
    /** Records every query the model is asked to embed. */
    private static final class Recording extends ForwardingEmbedder {
        final List<String> asked = new ArrayList<>();

        Recording() {
            super(model);
        }

        @Override
        public synchronized float[] embedQuery(String query) {
            asked.add(query);
            return super.embedQuery(query);
        }
    }

    @Test
    void a_repeated_query_skips_the_model_and_the_least_recent_one_is_evicted() {
        Recording recording = new Recording();
        QueryEmbeddings cache = new QueryEmbeddings(recording, 2);
        float[] first = cache.embed("visitor register");
        first[0] = 42; // a caller changing its copy changes nothing cached
        assertArrayEquals(model.embedQuery("visitor register"), cache.embed("visitor register"), 0f);
        cache.embed("car park");
        cache.embed("front desk"); // evicts "visitor register", used before "car park"
        cache.embed("car park");
        cache.embed("visitor register");
        assertEquals(List.of("visitor register", "car park", "front desk", "visitor register"), recording.asked);
        assertEquals(2, cache.hits());
        assertEquals(4, cache.misses());
    }

    @Test
    void hybrid_and_vector_searches_of_one_query_embed_it_once() throws java.io.IOException {
        Recording recording = new Recording();
        try (RagIndex index = RagIndex.open(tmp.resolve("index"), recording, "test")) {
            index.upsert(prepare("a.txt", "Archive Rotation\n\nThe archive of region one is rotated weekly."));
            for (SearchMode mode : List.of(SearchMode.HYBRID, SearchMode.VECTOR, SearchMode.HYBRID)) {
                assertEquals(
                        1,
                        index.search(new SearchRequest("archive rotation", 3, mode))
                                .results()
                                .size());
            }
            index.search(new SearchRequest("region one", 3, SearchMode.HYBRID));
            assertEquals(List.of("archive rotation", "region one"), recording.asked);
        }
    }
}
