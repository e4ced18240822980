package io.jcdk.acceptance.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code test_strictness_level}, as in Airbyte's connector acceptance tests: how much a config may
 * leave untested.
 *
 * <p>{@link #HIGH}, the default here (Airbyte's tool defaults to low): every suite is configured or
 * bypassed with a reason, every excused stream or field has a reason, an unknown key is an error,
 * and checks that could only be skipped for want of something the config could give (an incremental
 * stream without an intermediate state, a destination without a read-back) fail. {@link #LOW}:
 * unknown keys are noted, left-out suites are not run, such checks are skipped with their reason.
 */
public enum Strictness {
  @JsonProperty("high") HIGH,
  @JsonProperty("low") LOW;

  public static final Strictness DEFAULT = HIGH;
}
