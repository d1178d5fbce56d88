package io.ragplatform.index;

import java.util.Locale;

/** What to do when the configured embedding model is not the model of the stored vectors. */
public enum ModelChangePolicy {
    /** Refuse to start, naming both models: never serve vectors of one model with queries of another. */
    REFUSE,
    /** Keep serving the old model while a shadow index is built with the new one, then swap. */
    REBUILD;

    public static ModelChangePolicy parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("on-model-change must be 'refuse' or 'rebuild'; was '" + s + "'");
        }
    }
}
