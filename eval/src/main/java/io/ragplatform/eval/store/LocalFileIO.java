package io.ragplatform.eval.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.iceberg.Files;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * A {@link FileIO} over the local file system, for the embedded warehouse. Iceberg 1.12 ships no local FileIO other
 * than Hadoop's, which would pull Hadoop's file system stack in; this one takes plain absolute paths (what the
 * warehouse writes) and {@code file:} URIs.
 */
final class LocalFileIO implements FileIO {
    @Override
    public InputFile newInputFile(String location) {
        return Files.localInput(toPath(location).toFile());
    }

    @Override
    public OutputFile newOutputFile(String location) {
        Path path = toPath(location);
        // Files.localOutput's create() fails when another writer makes the same directory between its isDirectory()
        // and mkdirs() (seen with two stores writing one new partition); createDirectories tolerates that race
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            try {
                java.nio.file.Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the directory " + parent, e);
            }
        }
        return Files.localOutput(path.toFile());
    }

    @Override
    public void deleteFile(String location) {
        try {
            java.nio.file.Files.deleteIfExists(toPath(location));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + location, e);
        }
    }

    private static Path toPath(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }
}
