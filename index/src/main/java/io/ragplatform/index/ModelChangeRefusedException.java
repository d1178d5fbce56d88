package io.ragplatform.index;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;

/**
 * The index holds vectors of another embedding model than the configured one, and the {@link ModelChangePolicy} is
 * {@link ModelChangePolicy#REFUSE}: code {@value #CODE}, {@link ErrorCategory#INVALID_INPUT} (the configuration
 * contradicts the stored index; starting again with it fails again).
 */
public final class ModelChangeRefusedException extends RagException {
    public static final String CODE = "model_change_refused";

    private final String storedModel;
    private final String configuredModel;

    public ModelChangeRefusedException(String storedModel, String configuredModel) {
        super(
                CODE,
                ErrorCategory.INVALID_INPUT,
                "the index holds vectors of embedding model '" + storedModel + "' but the configured model is '"
                        + configuredModel + "'; configure '" + storedModel + "' again, or rebuild the index with '"
                        + configuredModel + "' (a shadow index re-embeds every chunk while search keeps serving '"
                        + storedModel + "', then switches over)");
        this.storedModel = storedModel;
        this.configuredModel = configuredModel;
    }

    /** The model of the stored vectors. */
    public String storedModel() {
        return storedModel;
    }

    /** The model the index was opened with. */
    public String configuredModel() {
        return configuredModel;
    }
}
