package io.ragplatform.index.lucene;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.ModelChangePolicy;
import io.ragplatform.index.ModelChangeRefusedException;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.RebuildListener;
import io.ragplatform.index.Retention;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Opens the Lucene implementations of {@link RagIndex}. */
public final class LuceneIndexes {
    private LuceneIndexes() {}

    /**
     * Opens (creating if needed) one Lucene index in {@code dir}, embedding with {@code embedder}.
     *
     * @throws IllegalStateException when the index holds vectors of another model or dimension
     */
    public static RagIndex open(Path dir, Embedder embedder, String pipelineVersion, Retention retention) {
        return LuceneRagIndex.open(dir, UnaryOperator.identity(), embedder, pipelineVersion, retention);
    }

    /**
     * Opens the active index of the index directory {@code root} (one slot per built index, an {@code ACTIVE} file
     * naming the one in service) for the configured embedder. When the stored vectors are of another model, either
     * refuses or serves that model while a shadow index is built with the configured one in a new slot, then switches
     * {@code ACTIVE} by an atomic rename, so that a crash at any moment leaves either the old index or the new one in
     * service.
     *
     * @param byModelId loads another model by its ID (the stored vectors' model, to keep serving it during a rebuild)
     * @param listener told about rebuild phases; may be {@link RebuildListener#NONE}
     * @throws ModelChangeRefusedException when the models differ and the policy is {@link ModelChangePolicy#REFUSE}
     * @throws RagException ({@code rebuild_model_unavailable}) when the models differ, the policy is
     *     {@link ModelChangePolicy#REBUILD}, and {@code byModelId} cannot load the stored model
     */
    public static RagIndex openHome(
            Path root,
            Embedder configured,
            Function<String, Embedder> byModelId,
            String pipelineVersion,
            Retention retention,
            ModelChangePolicy onModelChange,
            RebuildListener listener) {
        try {
            Files.createDirectories(root);
            String active = IndexSlots.activeSlot(root);
            if (active == null) {
                active = IndexSlots.newSlot(root, configured.modelId());
                IndexSlots.writeActive(root, active);
            }
            IndexSlots.removeStaleSlots(root, active);
            Path dir = root.resolve(active);
            String stored =
                    CommitManifest.last(dir).map(CommitManifest::modelId).orElse(null);
            if (stored == null || stored.equals(configured.modelId())) {
                return LuceneRagIndex.open(dir, UnaryOperator.identity(), configured, pipelineVersion, retention);
            }
            if (onModelChange == ModelChangePolicy.REFUSE) {
                throw new ModelChangeRefusedException(stored, configured.modelId());
            }
            Embedder old;
            try {
                old = byModelId.apply(stored);
            } catch (RuntimeException e) {
                throw new RagException(
                        "rebuild_model_unavailable",
                        ErrorCategory.INVALID_INPUT,
                        "cannot rebuild: the index's model '" + stored + "' is not available to keep serving "
                                + "search during the rebuild (" + e.getMessage() + ")",
                        e);
            }
            LuceneRagIndex serving =
                    LuceneRagIndex.open(dir, UnaryOperator.identity(), old, pipelineVersion, retention);
            return new ModelSwitchingIndex(root, active, serving, configured, pipelineVersion, retention, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index directory " + root, e);
        }
    }
}
