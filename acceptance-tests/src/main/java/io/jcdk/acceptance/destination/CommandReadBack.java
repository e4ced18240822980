package io.jcdk.acceptance.destination;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.acceptance.check.Check;
import io.jcdk.acceptance.check.RunLog;
import io.jcdk.acceptance.run.Invocation;
import io.jcdk.acceptance.run.Transcript;
import io.jcdk.protocol.AirbyteRecordMessage;
import io.jcdk.protocol.ConfiguredAirbyteCatalog;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.StreamDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads back through a connector command that prints stored records as RECORD messages. */
final class CommandReadBack implements ReadBack {

  private final List<String> command;
  private final RunLog log;

  CommandReadBack(List<String> command, RunLog log) {
    this.command = List.copyOf(command);
    this.log = log;
  }

  @Override
  public Map<StreamDescriptor, List<JsonNode>> read(JsonNode config, ConfiguredAirbyteCatalog catalog) {
    Transcript t = log.run(Invocation.custom(command, config, Json.mapper().valueToTree(catalog)), config);
    if (!t.succeeded() || !t.errors().isEmpty()) {
      throw Check.fail("the read-back command '" + String.join(" ", command) + "' failed\n  " + t.diagnostics());
    }
    Map<StreamDescriptor, List<JsonNode>> out = new LinkedHashMap<>();
    for (AirbyteRecordMessage r : t.records()) {
      out.computeIfAbsent(r.descriptor(), k -> new ArrayList<>()).add(r.data().tree());
    }
    return out;
  }
}
