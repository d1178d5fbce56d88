package io.ragplatform.index;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A model-change rebuild: the shadow index being built with the configured model while search serves the old one.
 *
 * @param state where the rebuild is
 * @param fromModel the model search serves until the swap
 * @param toModel the configured model
 * @param chunksEmbedded chunks embedded with the new model so far
 * @param chunksTotal chunks to embed in the copy phase
 * @param error why it failed, or null
 */
public record RebuildStatus(
        State state,
        String fromModel,
        String toModel,
        int chunksEmbedded,
        int chunksTotal,
        String startedAt,
        String finishedAt,
        String error) {

    /** The phases of a rebuild; {@link #DONE} and {@link #FAILED} are final. */
    public enum State {
        /** Embedding every chunk with the new model; reads and writes go on against the old index. */
        COPYING,
        /** Catching up with writes made meanwhile, then switching; writes and reads paused briefly. */
        SWAPPING,
        /** The new model is in service. */
        DONE,
        /** The old model keeps serving. */
        FAILED;

        /** Whether the rebuild is still running (a swap may still come). */
        public boolean running() {
            return this == COPYING || this == SWAPPING;
        }

        /** The lower-case name, as the REST API shows it: {@code copying}, {@code swapping}, ... */
        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
