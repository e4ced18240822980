package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

public enum DestinationSyncMode {
  @JsonProperty("append")
  APPEND,
  @JsonProperty("overwrite")
  OVERWRITE,
  @JsonProperty("append_dedup")
  APPEND_DEDUP,
  @JsonProperty("update")
  UPDATE,
  @JsonProperty("soft_delete")
  SOFT_DELETE;

  /** Its protocol name ({@code append_dedup}), as the {@code @JsonProperty} above spells it. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode its protocol name ({@code append_dedup}) names. */
  public static DestinationSyncMode fromValue(String name) {
    for (DestinationSyncMode mode : values()) {
      if (mode.wire().equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown destination sync mode '" + name + "'; expected one of append,"
        + " overwrite, append_dedup, update, soft_delete");
  }
}
