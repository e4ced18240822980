package io.jcdk.benchmarks.http;

import io.jcdk.acceptance.fixtures.http.UsersApiServer;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * records/s of an HTTP source's paginated {@code read} ÷ records/s of a plain loop that fetches the
 * same pages with {@code HttpClient} and discards them; both as a user runs them, one process per
 * run, from the Users API this JVM serves (pages of 100 records of about 300 bytes).
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar io.jcdk.benchmarks.http.HttpReadBenchmark [records] [rounds]
 * </pre>
 *
 * The source is the reference source of the acceptance tests ({@code UsersApiSource}, full refresh
 * of {@code users}) with its stdout going to /dev/null. Each round runs both, the order alternating
 * between rounds; the ratio's minimum, median and maximum over the rounds are printed.
 */
public final class HttpReadBenchmark {

  private static final String TOKEN = "benchmark-token";
  private static final int PAGE = 100;

  private HttpReadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path work = Files.createTempDirectory("http-bench");
    try (UsersApiServer api = UsersApiServer.start(TOKEN, records)) {
      Path config = Files.writeString(work.resolve("config.json"), "{\"base_url\":" + Json.write(api.url())
          + ",\"api_token\":\"" + TOKEN + "\",\"page_size\":" + PAGE + "}");
      Path catalog = Files.writeString(work.resolve("catalog.json"), "{\"streams\":[{\"stream\":{\"name\":\"users\","
          + "\"json_schema\":{},\"supported_sync_modes\":[\"full_refresh\"]},\"sync_mode\":\"full_refresh\","
          + "\"destination_sync_mode\":\"overwrite\"}]}");
      List<String> source = java("io.jcdk.acceptance.fixtures.http.UsersApiSource", "read", "--config", config.toString(),
          "--catalog", catalog.toString());
      List<String> loop = java(PlainHttpLoop.class.getName(), api.url(), TOKEN, String.valueOf(records),
          String.valueOf(PAGE));
      System.out.printf("records %,d in pages of %d; warm-up%n", records, PAGE);
      run(source);
      run(loop);
      double[] ratios = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        boolean sourceFirst = round % 2 == 0;
        double a = run(sourceFirst ? source : loop);
        double b = run(sourceFirst ? loop : source);
        double sourceRate = records / (sourceFirst ? a : b);
        double loopRate = records / (sourceFirst ? b : a);
        ratios[round] = sourceRate / loopRate;
        System.out.printf("round %d: source %,.0f records/s, plain loop %,.0f records/s, ratio %.2f%n",
            round + 1, sourceRate, loopRate, ratios[round]);
      }
      Arrays.sort(ratios);
      System.out.printf("ratio over %d rounds: min %.2f, median %.2f, max %.2f%n", rounds, ratios[0],
          ratios[rounds / 2], ratios[rounds - 1]);
    } finally {
      for (Path p : List.of(work.resolve("config.json"), work.resolve("catalog.json"), work)) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static List<String> java(String mainClass, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), mainClass));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Runs the command to its end, stdout to /dev/null; returns seconds. */
  private static double run(List<String> command) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int code = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + code);
    }
    return seconds;
  }
}
