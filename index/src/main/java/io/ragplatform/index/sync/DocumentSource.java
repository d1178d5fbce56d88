package io.ragplatform.index.sync;

import io.ragplatform.ingest.Acl;
import java.io.IOException;
import java.util.List;

/**
 * A named place files come from: a directory today, an object store later. The synchronizer only lists and fetches,
 * so a new kind of source needs no change to the sync logic. Implementations are thread-safe.
 */
public interface DocumentSource {
    /** The source's name; synced documents get the sourceId {@code name + "/" + entry path}. */
    String name();

    /** Every file of the source, sorted by path. */
    List<SourceEntry> list() throws IOException;

    /** A local file with the entry's bytes; closing it removes any temporary copy. */
    LocalFile fetch(SourceEntry entry) throws IOException;

    /**
     * Who may read the documents synced from this source: every one of them alike. {@link Acl#PUBLIC_ONLY} unless the
     * source says otherwise.
     */
    default List<String> acl() {
        return Acl.PUBLIC_ONLY;
    }

    /**
     * The metadata each of the source's files is stored with, such as its {@code license}
     * ({@link io.ragplatform.ingest.License#METADATA_KEY}); none by default.
     */
    default java.util.Map<String, String> metadata() {
        return java.util.Map.of();
    }

    /** Sources are named with letters, digits, '.', '_' and '-'. */
    static String checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(
                    "a source name is 1-64 letters, digits, '.', '_' or '-'; was '" + name + "'");
        }
        return name;
    }
}
