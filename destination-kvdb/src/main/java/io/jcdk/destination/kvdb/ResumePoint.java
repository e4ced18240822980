package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Where the next attempt of a staged overwrite resumes: how many entries of the staging generation
 * the last state echoed covers. The platform resumes the source from that state, so the next
 * attempt deletes the entries after these before it writes.
 *
 * <p>Why not the staging's {@link Generation#covered()}: that mark is written with each state's
 * commit, before the state is echoed, and the store commits the next states while it waits for the
 * disk; a killed process leaves the marks of states it never echoed. This one is written after the
 * commit, right before the echo, so it is exact after a kill; but it is not fsynced first, and a
 * machine that restarts can lose it. {@code scope} tells the two cases apart: written in the same
 * {@link Store#scope()} as the next attempt runs in, nothing written since was lost and the point
 * holds; otherwise the attempt falls back to {@code covered}, which was committed before the echo
 * and is never behind it (it may be ahead: then the records of the states in between are held
 * twice, never lost).
 *
 * @param generation the staging generation's number
 * @param entries the entries the last state echoed covers
 * @param scope the store's {@link Store#scope()} when it was written
 */
record ResumePoint(long generation, long entries, @JsonProperty("scope") String scope) {

  byte[] toJson() {
    try {
      return Json.mapper().writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResumePoint fromJson(byte[] json) {
    try {
      return Json.mapper().readValue(json, ResumePoint.class);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable resume point: " + new String(json, StandardCharsets.UTF_8), e);
    }
  }
}
