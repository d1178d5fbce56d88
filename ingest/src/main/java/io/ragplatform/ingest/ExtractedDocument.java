package io.ragplatform.ingest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One document found in an uploaded file: the file itself, or something embedded in it (a message of a mailbox,
 * an attachment of a message).
 *
 * @param path where it sits in the file: {@code ""} for the file itself, else a stable, slash-separated path of
 *     embedded resources such as {@code "/message-2/attachment-1"}
 * @param contentType the detected media type without parameters
 * @param metadata extracted metadata with stable keys (see {@link MetadataKeys}), sorted
 * @param blocks the text in reading order
 */
public record ExtractedDocument(String path, String contentType, Map<String, String> metadata, List<RawBlock> blocks) {
    public ExtractedDocument {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(contentType, "contentType");
        metadata = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
        blocks = List.copyOf(blocks);
    }

    /** The path of the document this one is embedded in, or {@code null} for the file itself. */
    public String parentPath() {
        if (path.isEmpty()) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }

    public boolean isRoot() {
        return path.isEmpty();
    }
}
