package io.ragplatform.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The directory that holds the index: one sub-directory per built index and an {@code ACTIVE} file naming the one in
 * service. A model change builds a new sub-directory beside the active one and switches {@code ACTIVE} by an atomic
 * rename once it is complete, so that a crash at any moment leaves either the old index or the new one in service.
 */
public final class IndexHome {
    static final String ACTIVE = "ACTIVE";

    private IndexHome() {}

    /**
     * Opens the active index for the configured embedder.
     *
     * @param root the index directory (e.g. {@code data/index})
     * @param configured the configured model
     * @param byModelId loads another model by its ID (the stored vectors' model, to keep serving it during a rebuild)
     * @param onModelChange what to do when the stored vectors are of another model
     * @param listener told about rebuild phases (tests pause on it); may be {@link RebuildListener#NONE}
     * @throws IllegalStateException when the models differ and the policy is {@link ModelChangePolicy#REFUSE}
     */
    public static RagIndex open(
            Path root,
            Embedder configured,
            Function<String, Embedder> byModelId,
            String pipelineVersion,
            Retention retention,
            ModelChangePolicy onModelChange,
            RebuildListener listener) {
        try {
            Files.createDirectories(root);
            String active = activeSlot(root);
            if (active == null) {
                active = newSlot(root, configured.modelId());
                writeActive(root, active);
            }
            removeStaleSlots(root, active);
            Path dir = root.resolve(active);
            Optional<Map<String, String>> data = LuceneRagIndex.lastCommitData(dir);
            String stored = data.map(d -> d.get(LuceneRagIndex.COMMIT_MODEL)).orElse(null);
            if (stored == null || stored.equals(configured.modelId())) {
                return LuceneRagIndex.open(dir, configured, pipelineVersion, retention);
            }
            if (onModelChange == ModelChangePolicy.REFUSE) {
                throw new IllegalStateException("the index holds vectors of embedding model '" + stored
                        + "' but the configured model is '"
                        + configured.modelId() + "'. Either configure '" + stored
                        + "' again (rag.embedding.model), or set "
                        + "rag.embedding.on-model-change=rebuild to re-embed every chunk with '" + configured.modelId()
                        + "' in a shadow index while search keeps serving '" + stored + "', then switch over.");
            }
            Embedder old;
            try {
                old = byModelId.apply(stored);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "cannot rebuild: the index's model '" + stored + "' is not available to keep serving "
                                + "search during the rebuild (" + e.getMessage() + ")",
                        e);
            }
            LuceneRagIndex serving = LuceneRagIndex.open(dir, old, pipelineVersion, retention);
            return new ModelSwitchingIndex(root, active, serving, configured, pipelineVersion, retention, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index directory " + root, e);
        }
    }

    static String activeSlot(Path root) throws IOException {
        Path f = root.resolve(ACTIVE);
        if (!Files.exists(f)) {
            return null;
        }
        String name = Files.readString(f, StandardCharsets.UTF_8).strip();
        return name.isEmpty() ? null : name;
    }

    static String newSlot(Path root, String modelId) {
        String safe = modelId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 60) {
            safe = safe.substring(safe.length() - 60);
        }
        String base = "index-" + safe + "-" + System.currentTimeMillis();
        String name = base;
        for (int i = 1; Files.exists(root.resolve(name)); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    /** Points {@code ACTIVE} at the slot: write a temporary file, fsync it, rename it over the old one. */
    static void writeActive(Path root, String slot) throws IOException {
        Path tmp = root.resolve(ACTIVE + ".tmp");
        Files.writeString(tmp, slot + "\n", StandardCharsets.UTF_8);
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, root.resolve(ACTIVE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A slot that is not active is a shadow a crash interrupted, or an index already replaced: both can go. */
    static void removeStaleSlots(Path root, String active) throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            for (Path p : (Iterable<Path>) children::iterator) {
                if (Files.isDirectory(p)
                        && p.getFileName().toString().startsWith("index-")
                        && !p.getFileName().toString().equals(active)) {
                    deleteTree(p);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
