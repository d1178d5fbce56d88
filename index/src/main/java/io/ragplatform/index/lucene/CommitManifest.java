package io.ragplatform.index.lucene;

import io.ragplatform.index.Embedder;
import io.ragplatform.index.IndexVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * What one commit says about the index version it makes, stored in the commit's user data. The one reader and writer
 * of that data: the keys below are part of the stored format.
 *
 * <p>Commits written before a key existed lack it; such a field reads as 0 or null. A commit without
 * {@code rag.indexVersion} ({@link #versioned()} false) is no index version: the empty index, version 0.
 *
 * @param versioned whether the commit carries an index version
 * @param version the index version (0 when not versioned)
 * @param modelId embedding model of every vector, or null
 * @param dimension vector dimension, or 0 when unknown
 * @param pipeline preparation pipeline of the documents this commit wrote, or null
 * @param committedAt ISO-8601 UTC, or null
 * @param documents document entries
 * @param chunks chunk entries
 * @param change what the commit did, or null
 */
record CommitManifest(
        boolean versioned,
        long version,
        String modelId,
        int dimension,
        String pipeline,
        String committedAt,
        int documents,
        int chunks,
        String change) {
    static final String VERSION = "rag.indexVersion";
    static final String MODEL = "rag.model";
    static final String DIMENSION = "rag.dimension";
    static final String PIPELINE = "rag.pipeline";
    static final String TIME = "rag.committedAt";
    static final String DOCUMENTS = "rag.documents";
    static final String CHUNKS = "rag.chunks";
    static final String CHANGE = "rag.change";
    private static final int MAX_CHANGE = 200;

    /** What an index without any versioned commit says: version 0, nothing known. */
    static final CommitManifest EMPTY = new CommitManifest(false, 0, null, 0, null, null, 0, 0, null);

    /** The manifest of a commit made now ({@code change} cut to 200 characters). */
    static CommitManifest now(
            long version, String modelId, int dimension, String pipeline, int documents, int chunks, String change) {
        return new CommitManifest(
                true,
                version,
                modelId,
                dimension,
                pipeline,
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                documents,
                chunks,
                change.length() > MAX_CHANGE ? change.substring(0, MAX_CHANGE) : change);
    }

    /**
     * Reads commit user data.
     *
     * @throws NumberFormatException when a numeric entry is not a number
     */
    static CommitManifest parse(Map<String, String> data) {
        String v = data.get(VERSION);
        return new CommitManifest(
                v != null,
                v == null ? 0 : Long.parseLong(v),
                data.get(MODEL),
                Integer.parseInt(data.getOrDefault(DIMENSION, "0")),
                data.get(PIPELINE),
                data.get(TIME),
                Integer.parseInt(data.getOrDefault(DOCUMENTS, "0")),
                Integer.parseInt(data.getOrDefault(CHUNKS, "0")),
                data.get(CHANGE));
    }

    /** The manifest of the last commit an open writer knows (what it started from, or committed last). */
    static CommitManifest live(IndexWriter writer) {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        return parse(data);
    }

    static CommitManifest of(IndexCommit commit) throws IOException {
        return parse(commit.getUserData());
    }

    /** The manifest of the last commit of the index in {@code dir}, without opening a writer; empty for no index. */
    static Optional<CommitManifest> last(Path dir) {
        try (Directory d = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(d)) {
                return Optional.empty();
            }
            List<IndexCommit> commits = DirectoryReader.listCommits(d);
            return Optional.of(of(commits.get(commits.size() - 1)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index in " + dir, e);
        }
    }

    /**
     * Refuses to open an index of another model's vectors with {@code embedder}: vectors of one model are never
     * searched with queries of another.
     *
     * @throws IllegalStateException when the commit's model or dimension is not the embedder's
     */
    void requireVectorsOf(Embedder embedder) {
        if (modelId != null && !modelId.equals(embedder.modelId())) {
            throw new IllegalStateException("the index under this data directory holds vectors of embedding model '"
                    + modelId + "' but the configured model is '" + embedder.modelId() + "'; configure '"
                    + modelId
                    + "' again, use a new data directory, or open it with the rebuild model-change policy,"
                    + " which re-embeds every chunk into a shadow index while this one keeps serving");
        }
        if (dimension != 0 && dimension != embedder.dimension()) {
            throw new IllegalStateException("the index holds " + dimension + "-dimensional vectors but model '"
                    + embedder.modelId() + "' produces " + embedder.dimension());
        }
    }

    /** The user data to commit, keys in a fixed order. */
    Map<String, String> userData() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(VERSION, Long.toString(version));
        data.put(MODEL, modelId);
        data.put(DIMENSION, Integer.toString(dimension));
        data.put(PIPELINE, pipeline);
        data.put(TIME, committedAt);
        data.put(DOCUMENTS, Integer.toString(documents));
        data.put(CHUNKS, Integer.toString(chunks));
        data.put(CHANGE, change);
        return data;
    }

    IndexVersion toIndexVersion(List<String> pinnedBy) {
        return new IndexVersion(
                version, committedAt, modelId, dimension, pipeline, documents, chunks, change, pinnedBy);
    }
}
