package io.ragplatform.spark;

import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.DocumentRejectedException;
import io.ragplatform.ingest.Extractor;
import io.ragplatform.ingest.PreparedUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.FileSystem;
import org.apache.iceberg.hadoop.SerializableConfiguration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The preparation stage inside an executor: for each listed file of a partition, what the service's {@code Ingestion}
 * does before it stores anything. A file whose bytes, size, metadata, acl, licence and pipeline equal the stored ones is
 * {@code unchanged} without parsing; any other is prepared by the {@code ingest} module's {@link DocumentPreparer},
 * built once per partition. A file that cannot become documents is a {@code failed} row with the reason's code, never
 * a failed task. Rows are produced one file at a time as the partition is read.
 */
final class PartitionPreparer implements MapPartitionsFunction<Row, Row> {
    private final Pipeline pipeline;
    private final SerializableConfiguration hadoop;

    PartitionPreparer(Pipeline pipeline, SerializableConfiguration hadoop) {
        this.pipeline = pipeline;
        this.hadoop = hadoop;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> files) {
        Extractor extractor = pipeline.extractor();
        DocumentPreparer preparer = pipeline.preparer(extractor);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> extractor.close());
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = files.hasNext();
                if (!more && task == null) {
                    extractor.close();
                }
                return more;
            }

            @Override
            public Row next() {
                return prepare(preparer, files.next());
            }
        };
    }

    private Row prepare(DocumentPreparer preparer, Row file) {
        String sourceId = file.getAs("source_id");
        String location = file.getAs("location");
        try (LocalCopy local = LocalCopy.of(location, hadoop)) {
            if (unchanged(preparer, file, local.path())) {
                return FileRows.unchanged(sourceId);
            }
            PreparedUpload upload = preparer.prepare(
                    local.path(), file.getAs("file_name"), sourceId, pipeline.metadata(), pipeline.acl());
            return FileRows.prepared(upload);
        } catch (DocumentRejectedException e) {
            return FileRows.failed(sourceId, e.reason().code(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            // one broken file must not stop the others (as in the service's sync)
            return FileRows.failed(sourceId, "internal_error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The service's {@code Ingestion.unchanged}: same bytes, size, metadata, acl, licence and pipeline as stored. */
    private boolean unchanged(DocumentPreparer preparer, Row file, Path local) throws IOException {
        String storedHash = file.getAs("stored_file_hash");
        if (storedHash == null) {
            return false;
        }
        String sourceId = file.getAs("source_id");
        Long storedSize = file.getAs("stored_file_size");
        scala.collection.Map<String, String> metadata = file.getAs("stored_metadata");
        scala.collection.Seq<String> acl = file.getAs("stored_acl");
        return storedSize != null
                && storedSize == Files.size(local)
                && Objects.equals(file.getAs("stored_pipeline"), preparer.pipelineVersion(sourceId))
                && metadata != null
                && Map.copyOf(CollectionConverters.asJava(metadata)).equals(pipeline.metadata())
                && acl != null
                && List.copyOf(CollectionConverters.asJava(acl)).equals(pipeline.acl())
                && Objects.equals(
                        file.getAs("stored_license"),
                        preparer.licenses().resolve(pipeline.metadata(), null, "'" + sourceId + "'"))
                && storedHash.equals(DocumentPreparer.fileHash(local));
    }

    /** The file as a local path: the listed path itself, or a temporary copy of a remote object, deleted on close. */
    private record LocalCopy(Path path, boolean temporary) implements AutoCloseable {
        static LocalCopy of(String location, SerializableConfiguration hadoop) throws IOException {
            if (!JobOptions.isUri(location)) {
                return new LocalCopy(Path.of(location), false);
            }
            org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(location);
            String name = remote.getName();
            int dot = name.lastIndexOf('.');
            Path copy = Files.createTempFile("rag-spark-", dot > 0 ? name.substring(dot) : "");
            // FileSystem.get: Hadoop's cached instance of the scheme (one client per executor, not per file)
            FileSystem fs = FileSystem.get(remote.toUri(), hadoop.get());
            try (InputStream in = fs.open(remote)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(copy);
                throw e;
            }
            return new LocalCopy(copy, true);
        }

        @Override
        public void close() {
            if (temporary) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // the file was prepared; a copy left in the executor's temporary directory goes with the JVM
                    path.toFile().deleteOnExit();
                }
            }
        }
    }
}
