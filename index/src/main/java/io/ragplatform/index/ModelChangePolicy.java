package io.ragplatform.index;

import io.ragplatform.error.RagException;

/** What to do when the configured embedding model is not the model of the stored vectors. */
public enum ModelChangePolicy {
    /** Refuse to start, naming both models: never serve vectors of one model with queries of another. */
    REFUSE,
    /** Keep serving the old model while a shadow index is built with the new one, then swap. */
    REBUILD;

    /**
     * Parses {@code refuse|rebuild}, case-insensitive.
     *
     * @throws RagException ({@code invalid_model_change_policy}) for any other name
     */
    public static ModelChangePolicy parse(String s) {
        return RagException.parseName(
                ModelChangePolicy.class,
                s,
                "invalid_model_change_policy",
                "the model-change policy must be 'refuse' or 'rebuild'; was '" + s + "'");
    }
}
