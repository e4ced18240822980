package io.jcdk.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

public enum SyncMode {
  @JsonProperty("full_refresh")
  FULL_REFRESH,
  @JsonProperty("incremental")
  INCREMENTAL;

  /** Its protocol name ({@code full_refresh}), as the {@code @JsonProperty} above spells it. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
