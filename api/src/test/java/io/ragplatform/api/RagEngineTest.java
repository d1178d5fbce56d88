package io.ragplatform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import io.ragplatform.index.ModelChangeRefusedException;
import io.ragplatform.ingest.QualityPolicy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the operator reads when the service refuses to start. */
class RagEngineTest {
    @Test
    void a_refused_model_change_names_both_models_and_the_settings_that_resolve_it() {
        RagException e =
                RagEngine.refusedAtStart(new ModelChangeRefusedException("all-minilm-l6-v2-q", "minilm-reversed"));
        assertTrue(
                e.getMessage().contains("'all-minilm-l6-v2-q'")
                        && e.getMessage().contains("'minilm-reversed'")
                        && e.getMessage().contains("rag.embedding.model")
                        && e.getMessage().contains("rag.embedding.on-model-change=rebuild"),
                e.getMessage());
        assertEquals("model_change_refused", e.code());
        assertEquals(ErrorCategory.INVALID_INPUT, e.category());
    }

    @Test
    void a_bad_data_quality_check_stops_the_start_naming_the_setting_and_the_term() {
        RagException e = assertThrows(
                RagException.class, () -> RagEngine.quality(Optional.of("empty, mojibake>0.05, repeats>0.5")));
        assertEquals("invalid_config", e.code());
        assertTrue(
                e.getMessage().startsWith("rag.governance.quarantine-when: unknown data-quality check 'repeats'"),
                e.getMessage());
        assertEquals(QualityPolicy.NONE, RagEngine.quality(Optional.empty()), "none by default");
        assertEquals(
                "empty,mojibake>0.05",
                RagEngine.quality(Optional.of("empty,mojibake>0.05")).toString());
    }
}
