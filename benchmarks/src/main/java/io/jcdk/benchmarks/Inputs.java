package io.jcdk.benchmarks;

import java.nio.charset.StandardCharsets;

/** Message lines shaped like real traffic. */
final class Inputs {
  private Inputs() {}

  /** A RECORD line of exactly {@code lineBytes} bytes (newline included) with typical columns. */
  static byte[] recordLine(int lineBytes) {
    int envelope = recordLine0(200).length - 200;
    byte[] line = recordLine0(lineBytes - envelope);
    if (line.length != lineBytes) {
      throw new IllegalStateException("line is " + line.length + " bytes, wanted " + lineBytes);
    }
    return line;
  }

  private static byte[] recordLine0(int dataBytes) {
    StringBuilder data = new StringBuilder("{\"id\":123456,\"name\":\"Ada Lovelace\",\"active\":true,"
        + "\"score\":98.25,\"created_at\":\"2024-03-01T12:34:56.789Z\",\"note\":\"");
    while (data.length() < dataBytes - 2) {
      data.append("lorem ipsum ");
    }
    data.setLength(dataBytes - 2);
    data.append("\"}");
    String line = "{\"type\":\"RECORD\",\"record\":{\"namespace\":\"public\",\"stream\":\"users\",\"emitted_at\":1700000000000,"
        + "\"data\":" + data + "}}\n";
    return line.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] stateLine(long n) {
    return ("{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"users\","
        + "\"namespace\":\"public\"},\"stream_state\":{\"cursor\":" + n + "}}}}\n").getBytes(StandardCharsets.UTF_8);
  }

  /** {@code count} record lines with a state after every {@code stateEvery}. */
  static byte[] stream(byte[] record, int count, int stateEvery) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(record.length * count + count);
    for (int i = 1; i <= count; i++) {
      out.writeBytes(record);
      if (i % stateEvery == 0) {
        out.writeBytes(stateLine(i));
      }
    }
    return out.toByteArray();
  }
}
