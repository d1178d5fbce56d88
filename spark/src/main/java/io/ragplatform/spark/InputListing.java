package io.ragplatform.spark;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import io.ragplatform.index.sync.DirectorySource;
import io.ragplatform.index.sync.SourceEntry;
import io.ragplatform.index.sync.SourceSynchronizer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The files of the job's input, listed on the driver exactly as the service lists a directory source: regular files
 * only, hidden ones (a path segment starting with '.') skipped, '/'-separated paths relative to the root, sorted, and
 * each stored under {@link SourceSynchronizer#sourceId} {@code <source>/<path>}. A local directory is listed by the
 * service's own {@link DirectorySource}; a URI (an object-store prefix, HDFS, {@code file://}) by Hadoop's {@link
 * FileSystem}, with the same rules.
 */
final class InputListing {
    private InputListing() {}

    /**
     * One file to ingest.
     *
     * @param sourceId what it is stored under
     * @param fileName its last path segment (what the extractor is told)
     * @param location where an executor reads it: an absolute local path, or a Hadoop URI
     * @param size its size in bytes when listed
     */
    record InputFile(String sourceId, String fileName, String location, long size) {}

    /**
     * Lists the input.
     *
     * @throws RagException ({@code invalid_input}) when the input does not exist, is not a directory or cannot be read
     */
    static List<InputFile> list(String input, String source, Configuration hadoop) {
        return JobOptions.isUri(input) ? listUri(input, source, hadoop) : listLocal(Path.of(input), source);
    }

    /**
     * Checks that a local input is a directory this process can read.
     *
     * @throws RagException ({@code invalid_input}) naming what is wrong
     */
    static Path requireDirectory(Path input) {
        Path root = input.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw invalid("--input " + input + ": " + (Files.exists(root) ? "not a directory" : "no such directory"));
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            throw invalid("--input " + input + ": the directory cannot be read");
        }
        return root;
    }

    private static List<InputFile> listLocal(Path input, String source) {
        Path root = requireDirectory(input);
        DirectorySource directory = new DirectorySource(source, root);
        try {
            List<InputFile> files = new ArrayList<>();
            for (SourceEntry entry : directory.list()) {
                files.add(new InputFile(
                        SourceSynchronizer.sourceId(directory, entry),
                        entry.fileName(),
                        root.resolve(entry.path()).toString(),
                        entry.size()));
            }
            return files;
        } catch (IOException | UncheckedIOException e) {
            throw invalid("--input " + input + ": cannot list it: " + e.getMessage(), e);
        }
    }

    private static List<InputFile> listUri(String input, String source, Configuration hadoop) {
        URI root = URI.create(input.endsWith("/") ? input : input + "/");
        try {
            FileSystem fs = FileSystem.get(root, hadoop);
            org.apache.hadoop.fs.Path rootPath = new org.apache.hadoop.fs.Path(root);
            if (!fs.getFileStatus(rootPath).isDirectory()) {
                throw invalid("--input " + input + ": not a directory or prefix");
            }
            String prefix = fs.makeQualified(rootPath).toUri().getPath();
            prefix = prefix.endsWith("/") ? prefix : prefix + "/";
            List<InputFile> files = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(rootPath, true);
            while (it.hasNext()) {
                LocatedFileStatus status = it.next();
                String path = status.getPath().toUri().getPath();
                if (!status.isFile() || !path.startsWith(prefix)) {
                    continue;
                }
                String relative = path.substring(prefix.length());
                if (relative.isEmpty() || hidden(relative)) {
                    continue;
                }
                SourceEntry entry = new SourceEntry(relative, status.getLen());
                files.add(new InputFile(
                        source + "/" + entry.path(),
                        entry.fileName(),
                        status.getPath().toString(),
                        entry.size()));
            }
            files.sort(Comparator.comparing(InputFile::sourceId));
            return files;
        } catch (FileNotFoundException e) {
            throw invalid("--input " + input + ": no such directory or prefix", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof RagException r) {
                throw r;
            }
            throw invalid("--input " + input + ": cannot list it: " + e, e);
        }
    }

    /** DirectorySource's rule: a file is hidden when any segment of its relative path starts with '.'. */
    private static boolean hidden(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static RagException invalid(String message) {
        return RagException.invalid("invalid_input", message);
    }

    private static RagException invalid(String message, Throwable cause) {
        return new RagException("invalid_input", ErrorCategory.INVALID_INPUT, message, cause);
    }
}
