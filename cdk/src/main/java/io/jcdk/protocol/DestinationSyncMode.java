package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

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
  SOFT_DELETE
}
