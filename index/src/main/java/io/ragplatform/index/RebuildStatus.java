package io.ragplatform.index;

/**
 * A model-change rebuild: the shadow index being built with the configured model while search serves the old one.
 *
 * @param state {@code copying} (embedding every chunk with the new model), {@code swapping} (catching up with writes
 *     made meanwhile, writes paused), {@code done}, or {@code failed}
 * @param fromModel the model search serves until the swap
 * @param toModel the configured model
 * @param chunksEmbedded chunks embedded with the new model so far
 * @param chunksTotal chunks to embed in the copy phase
 * @param error why it failed, or null
 */
public record RebuildStatus(
        String state,
        String fromModel,
        String toModel,
        int chunksEmbedded,
        int chunksTotal,
        String startedAt,
        String finishedAt,
        String error) {}
