package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ragplatform.error.RagException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The language-model setting ({@code rag.embedding.language-models}) as the service and the benches read it. */
class EmbeddersTest {
    @Test
    void noneOrBlankMeansNoLanguageModel() {
        assertEquals(Map.of(), Embedders.languageModels("none"));
        assertEquals(Map.of(), Embedders.languageModels(" "));
        assertEquals(Map.of(), Embedders.languageModels(null));
    }

    @Test
    void eachEntryNamesALanguageAndAKnownModel() {
        Map<String, Embedder> models = Embedders.languageModels(" zh = bge-small-zh-v15-q ");
        assertEquals(List.of("zh"), List.copyOf(models.keySet()));
        assertEquals(Embedders.BGE_SMALL_ZH_V15_Q, models.get("zh").modelId());
        assertEquals(512, models.get("zh").dimension());
    }

    @Test
    void aMalformedEntryIsRefusedWithItsReason() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Embedders.languageModels("zh:bge-small-zh-v15-q"));
        assertEquals(
                "rag.embedding.language-models: 'zh:bge-small-zh-v15-q' is not language=model (such as"
                        + " zh=bge-small-zh-v15-q), or set none",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Embedders.languageModels("Chinese=bge-small-zh-v15-q"));
    }

    @Test
    void anUnknownModelIsRefusedByName() {
        RagException e = assertThrows(RagException.class, () -> Embedders.languageModels("zh=no-such-model"));
        assertEquals("unknown_embedding_model", e.code());
    }

    @Test
    void theMainModelCannotAlsoBeALanguageModel() {
        Embedder en = Embedders.named(Embedders.BGE_SMALL_EN_V15_Q, 0);
        assertThrows(
                IllegalArgumentException.class,
                () -> Embedders.routed(en, Embedders.languageModels("en=" + Embedders.BGE_SMALL_EN_V15_Q)));
    }
}
