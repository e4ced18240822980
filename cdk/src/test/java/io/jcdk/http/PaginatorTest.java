package io.jcdk.http;

import static io.jcdk.http.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jcdk.ConnectorException;
import io.jcdk.protocol.AirbyteTraceMessage.FailureType;
import io.jcdk.protocol.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaginatorTest {

  private static final List<Integer> ALL = List.of(1, 2, 3, 4, 5, 6, 7);

  private final TestApi api = TestApi.start();
  private final HttpRequester http = HttpRequester.builder(api.url())
      .retry(RetryPolicy.DEFAULT.withBaseDelay(Duration.ofMillis(1))).build();

  @AfterEach
  void stop() {
    api.close();
  }

  /** Items {@code from} (0-based) on, at most {@code n}, as a JSON array. */
  private static String items(int from, int n) {
    ArrayNode a = Json.mapper().createArrayNode();
    IntStream.range(from, Math.min(ALL.size(), from + n)).forEach(i -> a.add(Json.object().put("id", ALL.get(i))));
    return a.toString();
  }

  private static int param(TestApi.Seen r, String name, int otherwise) {
    for (String pair : r.query().split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name) && kv.length == 2) {
        return Integer.parseInt(kv[1]);
      }
    }
    return otherwise;
  }

  private List<Integer> read(HttpStream stream) {
    StreamReads.Output out = StreamReads.read(http, stream);
    if (out.failure() != null) {
      throw out.failure();
    }
    return out.ids();
  }

  @Test
  void pageNumbersCountUpUntilAnEmptyPage() {
    api.route("/items", (ex, r) -> json(ex, "{\"items\":" + items((param(r, "page", 1) - 1) * 3, 3) + "}"));

    assertThat(read(HttpStream.of("items", "/items").records("/items").paginator(Paginator.pageNumber("page")))).isEqualTo(ALL);
    assertThat(api.seen("/items")).extracting(TestApi.Seen::query).containsExactly("page=1", "page=2", "page=3", "page=4");
  }

  @Test
  void pageNumbersWithAPageSizeStopAtTheFirstShortPage() {
    api.route("/items", (ex, r) -> {
      int size = param(r, "per_page", 100);
      json(ex, items(param(r, "page", 0) * size, size));
    });
    Paginator p = Paginator.pageNumber("page").startAt(0).pageSize("per_page", 3);

    assertThat(read(HttpStream.of("items", "/items").paginator(p))).isEqualTo(ALL);
    assertThat(api.seen("/items")).extracting(TestApi.Seen::query)
        .containsExactly("page=0&per_page=3", "page=1&per_page=3", "page=2&per_page=3");
  }

  @Test
  void offsetsAdvanceByTheRecordsReceivedSoALowerCapLosesNothing() {
    // The API caps the limit at 2 whatever is asked.
    api.route("/items", (ex, r) -> json(ex, "{\"data\":" + items(param(r, "offset", 0), Math.min(2, param(r, "limit", 2))) + "}"));

    assertThat(read(HttpStream.of("items", "/items").records("/data").paginator(Paginator.offset("offset", "limit", 3))))
        .isEqualTo(ALL);
    assertThat(api.seen("/items")).extracting(TestApi.Seen::query).containsExactly(
        "offset=0&limit=3", "offset=2&limit=3", "offset=4&limit=3", "offset=6&limit=3", "offset=7&limit=3");
  }

  @Test
  void aCursorFromTheBodyIsSentBackUntilThereIsNone() {
    api.route("/items", (ex, r) -> {
      int from = param(r, "after", 0);
      String next = from + 3 < ALL.size() ? "\"" + (from + 3) + "\"" : "null";
      // The cursor comes after the records here, and nested.
      json(ex, "{\"data\":" + items(from, 3) + ",\"meta\":{\"next\":" + next + "}}");
    });

    assertThat(read(HttpStream.of("items", "/items").records("/data").paginator(Paginator.cursor("/meta/next", "after"))))
        .isEqualTo(ALL);
    assertThat(api.seen("/items")).extracting(TestApi.Seen::query).containsExactly("", "after=3", "after=6");
  }

  @Test
  void aNextUrlFromTheBodyIsFollowedWhetherRelativeOrAbsolute() {
    api.route("/items", (ex, r) -> json(ex, "{\"links\":{\"next\":\"/more?p=2\"},\"data\":" + items(0, 3) + "}"));
    api.route("/more", (ex, r) -> {
      int p = param(r, "p", 2);
      String next = p == 2 ? "\"" + api.url() + "/more?p=3\"" : "null";
      json(ex, "{\"links\":{\"next\":" + next + "},\"data\":" + items((p - 1) * 3, 3) + "}");
    });

    assertThat(read(HttpStream.of("items", "/items").records("/data").paginator(Paginator.nextUrl("/links/next"))))
        .isEqualTo(ALL);
    assertThat(api.seen("/more")).extracting(TestApi.Seen::query).containsExactly("p=2", "p=3");
  }

  @Test
  void theLinkHeadersNextTargetIsFollowed() {
    api.route("/items", (ex, r) -> {
      int page = param(r, "page", 1);
      String link = "<" + api.url() + "/items?page=1>; rel=\"first\"; title=\"a, b; c\""
          + (page < 3 ? ", </items?page=" + (page + 1) + ">; rel=\"next\"" : "");
      TestApi.respond(ex, 200, items((page - 1) * 3, 3), "Link", link);
    });

    assertThat(read(HttpStream.of("items", "/items").paginator(Paginator.linkHeader()))).isEqualTo(ALL);
    assertThat(api.seen("/items")).hasSize(3);
  }

  @Test
  void linkHeaderParsingFollowsRfc8288() {
    assertThat(LinkHeaderPaginator.next(List.of("<https://a/1>; rel=\"prev\", <https://a/3>; REL=\"Next last\"")))
        .contains("https://a/3");
    assertThat(LinkHeaderPaginator.next(List.of("<https://a/1>; rel=prev", "<https://a/2>;rel=next")))
        .contains("https://a/2");
    assertThat(LinkHeaderPaginator.next(List.of("<https://a/,x>; title=\"next, rel=next\"; rel=\"last\"")))
        .isEqualTo(Optional.empty());
    assertThat(LinkHeaderPaginator.next(List.of())).isEmpty();
  }

  @Test
  void aCursorThatDoesNotMoveStopsTheReadInsteadOfLooping() {
    // Each page's records differ (a request counter), so it is the repeated request that is caught.
    AtomicInteger n = new AtomicInteger();
    api.route("/items", (ex, r) -> json(ex, "{\"data\":[{\"id\":1,\"n\":" + n.incrementAndGet() + "}],"
        + "\"next\":\"abc\"}"));

    StreamReads.Output out = StreamReads.read(http, HttpStream.of("items", "/items").records("/data")
        .paginator(Paginator.cursor("/next", "cursor")));

    assertThat(out.failure()).isInstanceOfSatisfying(ConnectorException.class, e -> {
      assertThat(e.failureType()).isEqualTo(FailureType.SYSTEM_ERROR);
      assertThat(e.getMessage()).contains("Stream 'items' stopped: page 3 would be GET " + api.url()
          + "/items?cursor=abc again, which page 2 already fetched").contains("loop");
    });
    assertThat(api.seen("/items")).hasSize(2);
  }

  @Test
  void anApiThatIgnoresThePageParameterIsCaughtAtTheSecondPage() {
    api.route("/items", (ex, r) -> json(ex, items(0, 3)));

    StreamReads.Output out = StreamReads.read(http, HttpStream.of("items", "/items").paginator(Paginator.pageNumber("page")));

    assertThat(out.failure()).isInstanceOfSatisfying(ConnectorException.class, e ->
        assertThat(e.getMessage()).contains("page 2 (GET " + api.url() + "/items?page=2) came back identical to page 1"));
    assertThat(api.seen("/items")).hasSize(2);
  }
}
