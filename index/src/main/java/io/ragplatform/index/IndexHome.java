package io.ragplatform.index;

import io.ragplatform.index.lucene.LuceneIndexes;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The directory that holds the index: one sub-directory per built index and an {@code ACTIVE} file naming the one in
 * service. A model change builds a new sub-directory beside the active one and switches {@code ACTIVE} by an atomic
 * rename once it is complete, so that a crash at any moment leaves either the old index or the new one in service.
 */
public final class IndexHome {
    private IndexHome() {}

    /**
     * Opens the active index for the configured embedder (see {@link LuceneIndexes#openHome}).
     *
     * @param root the index directory (e.g. {@code data/index})
     * @param configured the configured model
     * @param byModelId loads another model by its ID (the stored vectors' model, to keep serving it during a rebuild)
     * @param onModelChange what to do when the stored vectors are of another model
     * @param listener told about rebuild phases (tests pause on it); may be {@link RebuildListener#NONE}
     * @throws ModelChangeRefusedException when the models differ and the policy is {@link ModelChangePolicy#REFUSE}
     */
    public static RagIndex open(
            Path root,
            Embedder configured,
            Function<String, Embedder> byModelId,
            String pipelineVersion,
            Retention retention,
            ModelChangePolicy onModelChange,
            RebuildListener listener) {
        return LuceneIndexes.openHome(root, configured, byModelId, pipelineVersion, retention, onModelChange, listener);
    }
}
