package io.jcdk.acceptance.run;

import io.jcdk.protocol.AirbyteMessage;

/** A protocol message a connector printed, with its stdout line number (from 1). */
public record OutputLine(long number, AirbyteMessage message) {}
