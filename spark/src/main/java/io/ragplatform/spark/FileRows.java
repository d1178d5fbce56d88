package io.ragplatform.spark;

import io.ragplatform.eval.corpus.CorpusRows;
import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.ingest.Chunk;
import io.ragplatform.ingest.PreparedDocument;
import io.ragplatform.ingest.PreparedUpload;
import io.ragplatform.ingest.TextLanguages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The rows the preparation stage reads and writes. In: one row per listed file, with what the corpus holds of that
 * sourceId's own document (for the service's "unchanged without parsing" check). Out: one row per file with its
 * outcome and, when it was prepared, its rows of {@code documents}, {@code occurrences} and {@code chunks} in the
 * tables' own schemas ({@link SparkRows}); {@code version}, {@code ingested_at} and {@code updated_at} are left 0 and
 * null there: the driver decides them against the stored documents ({@link CorpusMerge}).
 */
final class FileRows {
    static final String PREPARED = "prepared";
    static final String UNCHANGED = "unchanged";
    static final String FAILED = "failed";

    /** A listed file and the stored file document of its sourceId (null columns when there is none). */
    static final StructType INPUT = new StructType()
            .add("source_id", DataTypes.StringType, false)
            .add("file_name", DataTypes.StringType, false)
            .add("location", DataTypes.StringType, false)
            .add("size", DataTypes.LongType, false)
            .add("stored_file_hash", DataTypes.StringType, true)
            .add("stored_file_size", DataTypes.LongType, true)
            .add("stored_pipeline", DataTypes.StringType, true)
            .add("stored_metadata", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
            .add("stored_acl", DataTypes.createArrayType(DataTypes.StringType), true)
            .add("stored_license", DataTypes.StringType, true);

    /** One file's outcome. */
    static final StructType OUTCOME = new StructType()
            .add("source_id", DataTypes.StringType, false)
            .add("outcome", DataTypes.StringType, false)
            .add("error", DataTypes.StringType, true)
            .add("message", DataTypes.StringType, true)
            .add("documents", new ArrayType(SparkRows.schema("documents"), false), false)
            .add("occurrences", new ArrayType(SparkRows.schema("occurrences"), false), false)
            .add("chunks", new ArrayType(SparkRows.schema("chunks"), false), false);

    private FileRows() {}

    static Row failed(String sourceId, String error, String message) {
        return RowFactory.create(sourceId, FAILED, error, message, seq(List.of()), seq(List.of()), seq(List.of()));
    }

    static Row unchanged(String sourceId) {
        return RowFactory.create(sourceId, UNCHANGED, null, null, seq(List.of()), seq(List.of()), seq(List.of()));
    }

    /** A prepared file's rows: each document as the index would store it (before its version is decided). */
    static Row prepared(PreparedUpload upload) {
        List<Row> documents = new ArrayList<>();
        List<Row> occurrences = new ArrayList<>();
        Map<String, Row> chunks = new LinkedHashMap<>();
        for (PreparedDocument d : upload.documents()) {
            DocumentRecord record = record(upload, d);
            documents.add(SparkRows.row(CorpusRows.document(record)));
            CorpusRows.occurrences(record).forEach(r -> occurrences.add(SparkRows.row(r)));
            for (Chunk c : d.chunks()) {
                chunks.computeIfAbsent(
                        c.id(), id -> SparkRows.row(CorpusRows.chunk(id, c.text(), TextLanguages.of(c.text()))));
            }
        }
        return RowFactory.create(
                upload.sourceId(),
                PREPARED,
                null,
                null,
                seq(documents),
                seq(occurrences),
                seq(new ArrayList<>(chunks.values())));
    }

    /**
     * The record the index writes for a new document of the upload (its {@code UpsertPlanner}): the file's hash and size
     * on the file's own document only, the upload's acl, licence and pipeline on every one. Version 0 and no times: the
     * driver sets them.
     */
    static DocumentRecord record(PreparedUpload upload, PreparedDocument d) {
        boolean root = d.path().isEmpty();
        List<ChunkRef> refs = d.chunks().stream()
                .map(c -> new ChunkRef(c.id(), c.charStart(), c.charEnd(), c.page()))
                .toList();
        return new DocumentRecord(
                d.identity(),
                0,
                d.contentHash(),
                d.metadataHash(),
                d.properties(),
                d.metadata(),
                upload.acl(),
                upload.license(),
                d.textLength(),
                refs,
                null,
                null,
                root ? upload.fileHash() : null,
                root ? upload.fileSize() : 0,
                upload.pipeline(),
                d.pii(),
                d.signature(),
                d.quality());
    }

    private static scala.collection.immutable.Seq<Row> seq(List<Row> rows) {
        return CollectionConverters.asScala(rows).toSeq();
    }
}
