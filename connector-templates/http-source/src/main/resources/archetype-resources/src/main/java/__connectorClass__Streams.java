package ${package};

import io.jcdk.http.HttpStream;
import io.jcdk.http.HttpStreams;
import io.jcdk.http.Paginator;
import io.jcdk.protocol.Json;

/** The API's streams, one declaration each: where they are, how they page, and their cursor. */
final class ${connectorClass}Streams {

  private ${connectorClass}Streams() {}

  static HttpStreams of(${connectorClass}Config config) {
    // TODO(connector): one declaration per resource of the API (see docs/http-sources.md in jcdk for every paginator)
    HttpStream items = HttpStream.of("items", "/items")
        .records("/data")                                      // where the records are in each page
        .paginator(Paginator.cursor("/next_cursor", "cursor")) // the next page's token, sent as ?cursor=
        .cursor("updated_at", "updated_since")                 // incremental: ?updated_since=<saved updated_at>
        .startingAt(config.startDate())
        .primaryKey("id")
        .schema(Json.parse("""
            {"type": "object", "additionalProperties": true, "properties": {
              "id": {"type": "integer"},
              "name": {"type": ["null", "string"]},
              "updated_at": {"type": "string", "format": "date-time", "airbyte_type": "timestamp_with_timezone"}}}
            """));
    return HttpStreams.of(items);
  }
}
