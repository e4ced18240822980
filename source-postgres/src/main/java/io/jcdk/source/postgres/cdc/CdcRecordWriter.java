package io.jcdk.source.postgres.cdc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.jcdk.protocol.AirbyteRecordMessage.Change;
import io.jcdk.protocol.AirbyteRecordMessage.ChangeType;
import io.jcdk.protocol.AirbyteRecordMessage.Meta;
import io.jcdk.protocol.AirbyteRecordMessage.Reason;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.RawJson;
import io.jcdk.source.postgres.PgValueConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes change records straight from pgoutput tuples: each value goes from the message bytes
 * through {@link PgValueConverter} into a reused buffer, so a row costs one byte array.
 *
 * <p>Unchanged TOASTed values ({@link TupleData#UNCHANGED_TOAST}) come from a second row: the
 * update's old row under REPLICA IDENTITY FULL (the server inlines the value there), or the values
 * {@link UnchangedToast} read back from the table. A value neither holds is left out of the record
 * and its {@code meta.changes} says so ({@code NULLED}, {@code SOURCE_RETRIEVAL_ERROR}), so a
 * destination can tell "not sent" from null; so is a column whose values no longer fit the
 * configured schema ({@code SOURCE_SERIALIZATION_ERROR}, see {@link SchemaChanges}).
 *
 * <p>One instance per thread.
 */
final class CdcRecordWriter {

  private static final SerializableString LSN = new SerializedString(CdcFields.LSN);
  private static final SerializableString UPDATED_AT = new SerializedString(CdcFields.UPDATED_AT);
  private static final SerializableString DELETED_AT = new SerializedString(CdcFields.DELETED_AT);

  private final ByteArrayBuilder buffer = new ByteArrayBuilder(4096);
  private final JsonGenerator out;
  private List<Change> changes;

  CdcRecordWriter() {
    try {
      out = Json.factory().createGenerator(buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.setRootValueSeparator(null);
  }

  /**
   * An inserted or updated row. {@code oldRow} holds the values of unchanged TOASTed columns: the
   * update's old row under REPLICA IDENTITY FULL, or the values read back from the table (null for
   * none); {@code commitTime} is the transaction's commit time, ISO 8601.
   */
  RawJson row(RelationBinding binding, TupleData tuple, TupleData oldRow, long lsn, String commitTime) {
    changes = null;
    try {
      out.writeStartObject();
      int n = Math.min(binding.size(), tuple.size());
      for (int i = 0; i < n; i++) {
        SerializableString name = binding.name(i);
        if (name == null) {
          continue;
        }
        if (binding.omitted(i)) {
          changed(Change.of(name.getValue(), ChangeType.NULLED, Reason.SOURCE_SERIALIZATION_ERROR));
          continue;
        }
        TupleData source = tuple;
        if (tuple.isUnchangedToast(i)) {
          if (oldRow == null || i >= oldRow.size() || !oldRow.hasValue(i)) {
            changed(Change.of(name.getValue(), ChangeType.NULLED, Reason.SOURCE_RETRIEVAL_ERROR));
            continue;
          }
          source = oldRow;
        }
        out.writeFieldName(name);
        value(binding, i, source);
      }
      binding.missing().forEach(this::changed);
      cdcFields(lsn, commitTime, null);
      return finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A deleted row: the old tuple's values (only the replica identity columns are set unless the
   * identity is FULL) and {@code _ab_cdc_deleted_at}. Columns the tuple does not carry are left out.
   */
  RawJson deletion(RelationBinding binding, TupleData oldTuple, boolean keyOnly, long lsn, String commitTime) {
    changes = null;
    try {
      out.writeStartObject();
      int n = Math.min(binding.size(), oldTuple.size());
      for (int i = 0; i < n; i++) {
        SerializableString name = binding.name(i);
        if (name == null || (keyOnly && !binding.isKey(i)) || oldTuple.isUnchangedToast(i)) {
          continue;
        }
        out.writeFieldName(name);
        value(binding, i, oldTuple);
      }
      cdcFields(lsn, commitTime, commitTime);
      return finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The changes of the last record written, or null when it is complete. */
  Meta meta() {
    return changes == null ? null : new Meta(changes, null);
  }

  private void value(RelationBinding binding, int i, TupleData tuple) throws IOException {
    switch (tuple.kind(i)) {
      case TupleData.NULL -> out.writeNull();
      case TupleData.TEXT -> {
        try {
          PgValueConverter.INSTANCE.write(out, binding.type(i), tuple.array(), tuple.offset(i), tuple.length(i));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("cannot convert column \"" + binding.columnName(i) + "\" of "
              + binding.table().descriptor() + " (type " + binding.type(i).name() + "): " + e.getMessage(), e);
        }
      }
      default -> throw new IllegalStateException("pgoutput sent column \"" + binding.columnName(i) + "\" of "
          + binding.table().descriptor() + " in binary, which this reader never asks for");
    }
  }

  private void changed(Change change) {
    if (changes == null) {
      changes = new ArrayList<>(2);
    }
    changes.add(change);
  }

  private void cdcFields(long lsn, String updatedAt, String deletedAt) throws IOException {
    out.writeFieldName(LSN);
    out.writeNumber(lsn);
    out.writeFieldName(UPDATED_AT);
    out.writeString(updatedAt);
    out.writeFieldName(DELETED_AT);
    if (deletedAt == null) {
      out.writeNull();
    } else {
      out.writeString(deletedAt);
    }
  }

  private RawJson finish() throws IOException {
    out.writeEndObject();
    out.flush();
    byte[] bytes = buffer.toByteArray();
    buffer.reset();
    return RawJson.ofTrustedBytes(bytes);
  }

  /** Writes the CDC fields of a snapshot row into a record writer's generator. */
  static void writeSnapshotFields(JsonGenerator out, long lsn, String updatedAt) throws IOException {
    out.writeFieldName(LSN);
    out.writeNumber(lsn);
    out.writeFieldName(UPDATED_AT);
    out.writeString(updatedAt);
    out.writeFieldName(DELETED_AT);
    out.writeNull();
  }
}
