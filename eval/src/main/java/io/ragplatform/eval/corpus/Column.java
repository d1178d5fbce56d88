package io.ragplatform.eval.corpus;

import java.util.List;
import java.util.function.Function;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types.NestedField;

/**
 * One column of a corpus table: its Iceberg field and how an entry of the index gives its value. A table's column list
 * is both its schema and its row mapping, so the two cannot drift apart.
 *
 * @param <T> what a row is made from
 * @param field the column (ID, name, type, whether it may be null)
 * @param value its value for an entry: of the Java type Iceberg's generic records use for the field's type
 */
record Column<T>(NestedField field, Function<T, Object> value) {
    static <T> Column<T> required(int id, String name, Type type, Function<T, Object> value) {
        return new Column<>(NestedField.required(id, name, type), value);
    }

    static <T> Column<T> optional(int id, String name, Type type, Function<T, Object> value) {
        return new Column<>(NestedField.optional(id, name, type), value);
    }

    /** The schema of a table with these columns, in this order. */
    static <T> Schema schema(List<Column<T>> columns) {
        return new Schema(columns.stream().map(Column::field).toList());
    }

    /** The row of {@code entry} in a table of {@code schema} (the table's schema as loaded) with these columns. */
    static <T> Record row(Schema schema, List<Column<T>> columns, T entry) {
        Record row = GenericRecord.create(schema);
        for (Column<T> column : columns) {
            row.setField(column.field().name(), column.value().apply(entry));
        }
        return row;
    }
}
