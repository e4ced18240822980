package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jcdk.protocol.DestinationSyncMode;

/** How a generation holds its entries. */
public enum Layout {
  /** One entry per record, in arrival order (append and overwrite). */
  @JsonProperty("append")
  APPEND,
  /** One entry per primary key; a later record replaces an earlier one (append_dedup). */
  @JsonProperty("keyed")
  KEYED;

  static Layout of(DestinationSyncMode mode) {
    return mode == DestinationSyncMode.APPEND_DEDUP ? KEYED : APPEND;
  }

  /** The name used in the JSON metadata and in {@code stats}. */
  public String wireName() {
    return this == APPEND ? "append" : "keyed";
  }

  /** The layout {@link #wireName()} names. */
  static Layout fromWireName(String name) {
    for (Layout layout : values()) {
      if (layout.wireName().equals(name)) {
        return layout;
      }
    }
    throw new IllegalArgumentException("unknown layout '" + name + "'");
  }
}
