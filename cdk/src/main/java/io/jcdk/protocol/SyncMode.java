package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum SyncMode {
  @JsonProperty("full_refresh")
  FULL_REFRESH,
  @JsonProperty("incremental")
  INCREMENTAL
}
