package io.ragplatform.index.sync;

import io.ragplatform.ingest.Acl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A directory tree on local disk. Hidden files and directories (name starting with '.') are skipped. */
public final class DirectorySource implements DocumentSource {
    private final String name;
    private final Path root;
    private final List<String> acl;
    private final java.util.Map<String, String> metadata;

    /** A public source: everyone may read its documents. */
    public DirectorySource(String name, Path root) {
        this(name, root, Acl.PUBLIC_ONLY);
    }

    /**
     * A source whose documents {@code acl} may read.
     *
     * @throws io.ragplatform.ingest.DocumentRejectedException ({@code invalid_request}) when the acl is not valid
     */
    public DirectorySource(String name, Path root, List<String> acl) {
        this(name, root, acl, null);
    }

    /**
     * A source whose documents {@code acl} may read, each file of licence {@code license} (null: the preparer's
     * default).
     *
     * @throws io.ragplatform.ingest.DocumentRejectedException ({@code invalid_request}) when the acl or the licence is
     *     not valid
     */
    public DirectorySource(String name, Path root, List<String> acl, String license) {
        this.name = DocumentSource.checkName(name);
        this.root = root.toAbsolutePath().normalize();
        this.acl = Acl.of(acl);
        this.metadata = license == null
                ? java.util.Map.of()
                : java.util.Map.of(
                        io.ragplatform.ingest.License.METADATA_KEY, io.ragplatform.ingest.License.of(license));
    }

    @Override
    public List<String> acl() {
        return acl;
    }

    @Override
    public java.util.Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String name() {
        return name;
    }

    public Path root() {
        return root;
    }

    @Override
    public List<SourceEntry> list() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("source '" + name + "': " + root + " is not a directory");
        }
        List<SourceEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = root.relativize(p);
                if (!Files.isRegularFile(p) || hidden(rel)) {
                    continue;
                }
                entries.add(
                        new SourceEntry(rel.toString().replace(p.getFileSystem().getSeparator(), "/"), Files.size(p)));
            }
        }
        entries.sort(Comparator.comparing(SourceEntry::path));
        return entries;
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public LocalFile fetch(SourceEntry entry) {
        Path p = root.resolve(entry.path()).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("entry " + entry.path() + " escapes the source root");
        }
        return new LocalFile() {
            @Override
            public Path path() {
                return p;
            }

            @Override
            public void close() {
                // the file is the source's own: nothing to clean up
            }
        };
    }
}
