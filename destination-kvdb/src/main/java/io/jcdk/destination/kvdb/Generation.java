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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Generation(
    long number, Layout layout, @JsonProperty("sync_generation") Long syncGeneration) {}
