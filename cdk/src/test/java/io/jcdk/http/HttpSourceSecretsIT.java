package io.jcdk.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP source run as a process through its CLI, with an API that echoes credentials back in its
 * error bodies and links: no line of its stdout or stderr shows a credential, whether from the
 * config or obtained at runtime, raw or encoded.
 */
class HttpSourceSecretsIT {

  private static final String CLIENT_SECRET = "cs-SECRET-5f1e";
  private static final String REFRESH_TOKEN = "rt-SECRET-ORIGINAL-77aa";
  private static final String API_KEY = "k/y+SECRET 1";

  @TempDir Path dir;
  private final TestApi api = TestApi.start();
  private final UsersApi users = new UsersApi(9, 4);

  @AfterEach
  void stop() {
    api.close();
  }

  private record Run(int exitCode, List<String> lines) {}

  private Run run(String config, String... command) throws Exception {
    Path configFile = Files.writeString(dir.resolve("config.json"), config);
    Path catalog = Files.writeString(dir.resolve("catalog.json"), "{\"streams\":[{\"stream\":"
        + Json.write(HttpTestSource.STREAMS.catalog().streams().get(0))
        + ",\"sync_mode\":\"incremental\",\"destination_sync_mode\":\"append\"}]}");
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        HttpTestSource.class.getName()));
    argv.addAll(List.of(command));
    argv.addAll(List.of("--config", configFile.toString()));
    if (command[0].equals("read")) {
      argv.addAll(List.of("--catalog", catalog.toString()));
    }
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the connector ends").isTrue();
    List<String> lines = new ArrayList<>(Files.readAllLines(out, StandardCharsets.UTF_8));
    lines.addAll(Files.readAllLines(err, StandardCharsets.UTF_8));
    return new Run(p.exitValue(), lines);
  }

  private static void assertNoLineShows(Run run, List<String> secrets) {
    for (String line : run.lines()) {
      for (String secret : secrets) {
        assertThat(line).as("an output line").doesNotContain(secret);
      }
    }
  }

  @Test
  void oauthTokensAndClientCredentialsNeverReachAnyOutputLine() throws Exception {
    AtomicInteger issued = new AtomicInteger();
    List<String> tokens = new ArrayList<>();
    api.route("/oauth/token", (ex, r) -> {
      int n = issued.incrementAndGet();
      tokens.add("at-SECRET-" + n + "-c0ffee");
      tokens.add("rt-SECRET-ROTATED-" + n);
      TestApi.json(ex, "{\"access_token\":\"at-SECRET-" + n + "-c0ffee\",\"expires_in\":3600,"
          + "\"refresh_token\":\"rt-SECRET-ROTATED-" + n + "\"}");
    });
    api.route("/users", (ex, r) -> {
      String auth = r.header("Authorization");
      if (auth.contains("at-SECRET-1-")) {
        TestApi.respond(ex, 401, "{\"error\":\"" + auth + " was revoked\"}");
      } else if (r.query().contains("cursor=4")) {
        TestApi.respond(ex, 403, "{\"error\":\"" + auth + " lacks users:read; you sent " + r.body()
            + " and your refresh token " + REFRESH_TOKEN + " / rt-SECRET-ROTATED-1 and " + CLIENT_SECRET + "\"}");
      } else {
        users.handle(ex, r);
      }
    });
    String config = "{\"base_url\":\"" + api.url() + "\",\"token_url\":\"" + api.url() + "/oauth/token\","
        + "\"client_id\":\"app-1\",\"client_secret\":\"" + CLIENT_SECRET + "\",\"refresh_token\":\"" + REFRESH_TOKEN + "\"}";

    Run run = run(config, "read");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.lines()).anySatisfy(l -> assertThat(l).contains("\"type\":\"RECORD\""));
    assertThat(run.lines()).anySatisfy(l -> assertThat(l).contains("config_error").contains("HTTP 403 Forbidden")
        .contains("**********"));
    assertThat(tokens).hasSize(4);
    List<String> secrets = new ArrayList<>(tokens);
    secrets.addAll(List.of(CLIENT_SECRET, REFRESH_TOKEN));
    assertNoLineShows(run, secrets);
  }

  @Test
  void anApiKeyNeverReachesAnyOutputLineRawOrUrlEncoded() throws Exception {
    String encoded = Request.encode(API_KEY);
    api.route("/users", (ex, r) -> {
      if (r.query().contains("cursor=4")) {
        TestApi.respond(ex, 404, "{\"error\":\"no page at " + r.uri() + " for key " + API_KEY + "\"}");
      } else {
        users.handle(ex, r);
      }
    });
    String config = "{\"base_url\":\"" + api.url() + "\",\"api_key\":\"" + API_KEY + "\"}";

    Run read = run(config, "read");

    assertThat(read.exitCode()).isEqualTo(1);
    assertThat(read.lines()).anySatisfy(l -> assertThat(l).contains("system_error").contains("HTTP 404"));
    assertThat(api.seen("/users").get(0).query()).contains("api_key=" + encoded);
    assertNoLineShows(read, List.of(API_KEY, encoded));
  }

  @Test
  void aCheckRefusedWithTheKeyEchoedShowsNeitherForm() throws Exception {
    api.route("/users", (ex, r) -> TestApi.respond(ex, 401, "{\"error\":\"bad key " + API_KEY + " in " + r.uri() + "\"}"));
    String config = "{\"base_url\":\"" + api.url() + "\",\"api_key\":\"" + API_KEY + "\"}";

    Run check = run(config, "check");

    assertThat(check.exitCode()).isZero();
    assertThat(check.lines()).anySatisfy(l -> assertThat(l).contains("FAILED").contains("'api_key'"));
    assertNoLineShows(check, List.of(API_KEY, Request.encode(API_KEY)));
  }
}
