package io.ragplatform.spark;

import io.ragplatform.eval.corpus.CorpusRows;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The corpus tables' rows as Spark rows: the schemas are {@link CorpusRows}' (converted by Iceberg's own {@link
 * SparkSchemaUtil}), and a row is the Iceberg record {@link CorpusRows} makes, field by field, so that the job writes
 * exactly what the service's export writes.
 */
final class SparkRows {
    private SparkRows() {}

    /** The Spark schema of a corpus table (same columns, order, types and nullability). */
    static StructType schema(String table) {
        return SparkSchemaUtil.convert(CorpusRows.schema(table));
    }

    /** The column names of a corpus table, in order. */
    static List<String> columns(String table) {
        return CorpusRows.schema(table).columns().stream()
                .map(Types.NestedField::name)
                .toList();
    }

    /** A record of a corpus table as a row of {@link #schema} of the same table. */
    static Row row(Record record) {
        List<Types.NestedField> fields = record.struct().fields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(fields.get(i).type(), record.get(i));
        }
        return RowFactory.create(values);
    }

    /** Iceberg's generic values as the external types of Spark's {@link Row} (Scala collections, timestamps). */
    private static Object value(Type type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.typeId()) {
            case LIST -> {
                Type element = type.asListType().elementType();
                List<Object> out = new ArrayList<>();
                for (Object e : (List<?>) value) {
                    out.add(value(element, e));
                }
                yield CollectionConverters.asScala(out).toSeq();
            }
            case MAP -> {
                Types.MapType map = type.asMapType();
                Map<Object, Object> out = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> out.put(value(map.keyType(), k), value(map.valueType(), v)));
                yield CollectionConverters.asScala(out);
            }
            case TIMESTAMP -> java.sql.Timestamp.from(((OffsetDateTime) value).toInstant());
            case STRUCT -> throw new IllegalArgumentException("no corpus column is a struct");
            default -> value;
        };
    }
}
