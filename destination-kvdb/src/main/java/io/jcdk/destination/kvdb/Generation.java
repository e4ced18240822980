package io.jcdk.destination.kvdb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One set of a stream's entries. A stream's data lives in a generation; an overwrite writes a new
 * one and makes it current when the stream completes, so readers switch from the old data to the new
 * in one metadata write.
 *
 * @param number unique within the stream, increasing
 * @param layout how the entries are keyed
 * @param syncGeneration the catalog's {@code generation_id} a staged generation was written for: an
 *     interrupted attempt with the same id is resumed, another id starts over
 * @param covered of a staged append generation: how many of its entries the last state committed
 *     covers, written with that commit, so never behind the last state echoed; what the next attempt
 *     cuts the staging back to when its {@link ResumePoint} may be lost (see there). Null in a
 *     current generation, and in a staged one written before the field existed (whose entries are
 *     then all kept).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Generation(
    long number, Layout layout, @JsonProperty("sync_generation") Long syncGeneration, Long covered) {

  Generation withCovered(long entries) {
    return new Generation(number, layout, syncGeneration, entries);
  }
}
