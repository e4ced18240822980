package io.jcdk.http;

import static io.jcdk.http.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.protocol.Json;
import io.jcdk.protocol.SyncMode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpStreamTest {

  private final TestApi api = TestApi.start();
  private final CountDownLatch release = new CountDownLatch(1);
  private final HttpRequester http = HttpRequester.builder(api.url())
      .retry(RetryPolicy.DEFAULT.withBaseDelay(Duration.ofMillis(1)))
      .timeouts(new Timeouts(Duration.ofSeconds(5), Duration.ofMillis(300)))
      .build();

  @AfterEach
  void stop() {
    release.countDown();
    api.close();
  }

  private static String users(int from, int to) {
    List<String> rows = new ArrayList<>();
    IntStream.rangeClosed(from, to).forEach(i -> rows.add("{\"id\":" + i + ",\"name\":\"user " + i + "\"}"));
    return "[" + String.join(",", rows) + "]";
  }

  @Test
  void recordsComeFromTheirPointerAndKeepTheirBytes() {
    api.route("/users", (ex, r) -> json(ex, "{\"meta\":{\"count\":2,\"tags\":[1,[2]]},\"result\":{\"items\":"
        + "[{\"id\":1,\"price\":10.50,\"note\":\"é \\\"q\\\"\"},{\"id\":2,\"nested\":{\"a\":[1,{\"b\":null}]}}]},"
        + "\"after\":true}"));

    StreamReads.Output out = StreamReads.read(http, HttpStream.of("users", "/users").records("/result/items"));

    assertThat(out.failure()).isNull();
    assertThat(out.lines()).filteredOn(l -> l.startsWith("{\"type\":\"RECORD\""))
        .extracting(l -> l.substring(l.indexOf("\"data\":") + 7, l.length() - 2))
        .containsExactly("{\"id\":1,\"price\":10.50,\"note\":\"é \\\"q\\\"\"}",
            "{\"id\":2,\"nested\":{\"a\":[1,{\"b\":null}]}}");
  }

  @Test
  void prettyPrintedRecordsStayOnOneOutputLine() {
    api.route("/users", (ex, r) -> json(ex, "{\r\n  \"data\": [\n    {\n      \"id\": 1,\n      \"name\": \"a\\nb\"\n"
        + "    },\n    {\"id\": 2}\n  ]\n}\n"));

    StreamReads.Output out = StreamReads.read(http, HttpStream.of("users", "/users").records("/data"));

    assertThat(out.ids()).containsExactly(1, 2);
    assertThat(out.records().get(0).path("name").asText()).isEqualTo("a\nb");
  }

  @Test
  void aSingleObjectAtThePointerIsOneRecordAndNullIsNone() {
    api.route("/one", (ex, r) -> json(ex, "{\"user\":{\"id\":9}}"));
    api.route("/none", (ex, r) -> json(ex, "{\"user\":null}"));

    assertThat(StreamReads.read(http, HttpStream.of("one", "/one").records("/user")).ids()).containsExactly(9);
    assertThat(StreamReads.read(http, HttpStream.of("none", "/none").records("/user")).ids()).isEmpty();
  }

  @Test
  void aMalformedPageIsASystemErrorNamingTheUrlAndThePosition() {
    api.route("/users", (ex, r) -> json(ex, "{\"data\":[{\"id\":1},\n{\"id\":2,,}]}"));

    StreamReads.Output out = StreamReads.read(http, HttpStream.of("users", "/users").records("/data"));

    assertThat(out.failure()).isInstanceOfSatisfying(ConnectorException.class, e -> {
      assertThat(e.failureType()).isEqualTo(FailureType.SYSTEM_ERROR);
      assertThat(e.getMessage()).contains("The response to GET " + api.url() + "/users is not valid JSON at line 2,"
          + " column 9 (byte 27)").contains("was expecting double-quote");
    });
    assertThat(out.ids()).containsExactly(1);
    assertThat(api.seen("/users")).hasSize(1);
  }

  @Test
  void recordsThatAreNotObjectsAreAnErrorNamingThePointer() {
    api.route("/users", (ex, r) -> json(ex, "{\"data\":\"none today\"}"));

    StreamReads.Output out = StreamReads.read(http, HttpStream.of("users", "/users").records("/data"));

    assertThat(out.failure()).isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.getMessage())
        .contains("GET " + api.url() + "/users").contains("expected the records (an array of objects) at '/data', found a string"));
  }

  @Test
  void aConnectionResetMidBodyIsRetriedAndEveryRecordIsEmittedOnce() {
    String page = "{\"data\":" + users(1, 200) + "}";
    AtomicInteger calls = new AtomicInteger();
    api.route("/users", (ex, r) -> {
      if (calls.incrementAndGet() == 1) {
        TestApi.breakOff(ex, page, page.length() / 2);
      } else {
        json(ex, page);
      }
    });

    StreamReads.Output out = StreamReads.read(http, HttpStream.of("users", "/users").records("/data"));

    assertThat(out.failure()).isNull();
    assertThat(calls).hasValue(2);
    assertThat(out.ids()).isEqualTo(IntStream.rangeClosed(1, 200).boxed().toList());
  }

  @Test
  void aBodyClosedCleanlyShortOfItsContentLengthIsRetriedAndEveryRecordIsEmittedOnce() throws Exception {
    String page = "{\"data\":" + users(1, 200) + "}";
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // The first answer announces the whole page, sends half of it and ends the connection in order
      // (FIN, not a reset): only the Content-Length tells that the body is cut short.
      Thread server = new Thread(() -> {
        while (true) {
          try (Socket s = raw.accept()) {
            TestApi.readRequestHead(s.getInputStream());
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            int sent = connections.incrementAndGet() == 1 ? body.length / 2 : body.length;
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, sent);
            out.flush();
          } catch (IOException e) {
            if (raw.isClosed()) {
              return;
            }
          }
        }
      });
      server.setDaemon(true);
      server.start();
      HttpRequester rawApi = HttpRequester.builder("http://127.0.0.1:" + raw.getLocalPort())
          .retry(RetryPolicy.DEFAULT.withBaseDelay(Duration.ofMillis(1))).build();

      StreamReads.Output out = StreamReads.read(rawApi, HttpStream.of("users", "/users").records("/data"));

      assertThat(out.failure()).isNull();
      assertThat(connections).hasValue(2);
      assertThat(out.ids()).isEqualTo(IntStream.rangeClosed(1, 200).boxed().toList());
    }
  }

  @Test
  void aBodyThatStallsIsRetriedAfterTheReadTimeout() {
    String page = "{\"data\":" + users(1, 50) + "}";
    AtomicInteger calls = new AtomicInteger();
    api.route("/users", (ex, r) -> {
      if (calls.incrementAndGet() == 1) {
        byte[] bytes = page.getBytes();
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes, 0, 100);
        ex.getResponseBody().flush();
        release.await(30, TimeUnit.SECONDS);
      } else {
        json(ex, page);
      }
    });

    StreamReads.Output out = StreamReads.read(http, HttpStream.of("users", "/users").records("/data"));

    assertThat(out.failure()).isNull();
    assertThat(out.ids()).isEqualTo(IntStream.rangeClosed(1, 50).boxed().toList());
  }

  @Test
  void anIncrementalReadResumedFromEachIntermediateStateLosesNothing() {
    UsersApi users = new UsersApi(23, 4);
    api.route("/users", users);
    StreamReads.Output first = StreamReads.read(http, UsersApi.stream(), SyncMode.INCREMENTAL, null, 3);
    assertThat(first.failure()).isNull();
    assertThat(first.ids()).isEqualTo(IntStream.rangeClosed(1, 23).boxed().toList());
    List<Integer> states = first.stateLines();
    assertThat(states).hasSizeGreaterThan(6);

    for (int line : states) {
      JsonNode state = first.stateAt(line);
      StreamReads.Output resumed = StreamReads.read(http, UsersApi.stream(), SyncMode.INCREMENTAL, state, 3);
      assertThat(resumed.failure()).isNull();
      Set<Integer> seen = new HashSet<>(first.idsBefore(line));
      seen.addAll(resumed.ids());
      assertThat(seen).as("resumed from %s", state).containsExactlyInAnyOrderElementsOf(first.ids());
      // The resumed read asked the API only for what the state had not covered.
      assertThat(resumed.ids()).allSatisfy(id -> assertThat(id).isGreaterThanOrEqualTo(
          first.idsBefore(line).isEmpty() ? 1 : first.idsBefore(line).get(first.idsBefore(line).size() - 1) - 1));
    }
    assertThat(api.seen("/users")).anySatisfy(s -> assertThat(s.query()).startsWith("updated_since=2024-03-"));
  }

  @Test
  void recordsBelowTheSavedCursorAreSkippedWhenTheApiIgnoresSince() {
    api.route("/users", (ex, r) -> json(ex, "{\"data\":[{\"id\":1,\"updated_at\":\"2024-01-01\"},"
        + "{\"id\":2,\"updated_at\":\"2024-02-01\"},{\"id\":3,\"updated_at\":\"2024-03-01\"}]}"));
    HttpStream stream = HttpStream.of("users", "/users").records("/data").cursor("updated_at", "since");

    StreamReads.Output out = StreamReads.read(http, stream, SyncMode.INCREMENTAL,
        Json.parse("{\"cursor_field\":[\"updated_at\"],\"cursor\":\"2024-02-01\",\"cursor_record_count\":1}"), 100);

    assertThat(out.ids()).containsExactly(2, 3);
    assertThat(api.seen("/users").get(0).query()).isEqualTo("since=2024-02-01");
  }

  @Test
  void recordsOutOfCursorOrderStopTheReadBeforeAStateCouldSkipAny() {
    api.route("/users", (ex, r) -> json(ex, "{\"data\":[{\"id\":1,\"updated_at\":\"2024-03-01\"},"
        + "{\"id\":2,\"updated_at\":\"2024-01-01\"}]}"));
    HttpStream stream = HttpStream.of("users", "/users").records("/data").cursor("updated_at", "since");

    StreamReads.Output out = StreamReads.read(http, stream, SyncMode.INCREMENTAL, null, 1);

    assertThat(out.failure()).isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.getMessage())
        .contains("Stream 'users'").contains("updated_at=\"2024-01-01\" after \"2024-03-01\"").contains("ascending"));
  }

  @Test
  void aFirstSyncStartsFromTheConfiguredStartValue() {
    UsersApi users = new UsersApi(10, 100);
    api.route("/users", users);

    StreamReads.Output out = StreamReads.read(http, UsersApi.stream().startingAt("2024-03-04T12:00:00Z"),
        SyncMode.INCREMENTAL, null, 100);

    assertThat(out.ids()).containsExactly(7, 8, 9, 10);
  }

  @Test
  void aFullRefreshOfAnIncrementalStreamSendsNoSinceAndNoState() {
    api.route("/users", new UsersApi(5, 2));

    StreamReads.Output out = StreamReads.read(http, UsersApi.stream(), SyncMode.FULL_REFRESH, null, 1);

    assertThat(out.ids()).containsExactly(1, 2, 3, 4, 5);
    assertThat(api.seen("/users")).noneSatisfy(s -> assertThat(s.query()).contains("updated_since"));
    assertThat(out.stateLines()).hasSize(1);
  }
}
