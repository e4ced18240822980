package io.jcdk.benchmarks.http;

import io.jcdk.acceptance.fixtures.http.UsersApiServer;
import io.jcdk.benchmarks.Spread;
import io.jcdk.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * records/s of an HTTP source's paginated {@code read} ÷ records/s of a plain loop that fetches the
 * same pages with {@code HttpClient} and discards them (the reference), and ÷ the same loop
 * over {@code HttpURLConnection} (the transport of the kit's requester, so the ratio shows the
 * kit's own cost); each as a user runs it, one process per run, from the Users API this JVM serves
 * (pages of 100 records of about 300 bytes).
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar io.jcdk.benchmarks.http.HttpReadBenchmark [records] [rounds] [--as-images] [--source-flag F]...
 * </pre>
 *
 * All JVMs start with default flags, or with {@code --as-images} with the launcher flags of the
 * connector images ({@link #IMAGE_FLAGS}), each on a class-data archive of its own recorded first:
 * the source's from {@code check} of the config {@code []}, as an image build records it, each loop's
 * from a run of its own over a thousand records. {@code --source-flag} adds a JVM flag to the source's
 * command only (to measure a launcher flag against the loops of the same rounds).
 *
 * The source is the reference source of the acceptance tests ({@code UsersApiSource}, full refresh
 * of {@code users}) with its stdout going to /dev/null. Each round runs the three, each one first in
 * turn; the ratios' minimum, median and maximum over the rounds are printed, and each
 * process's CPU seconds (steadier than wall time when other work shares the cores).
 */
public final class HttpReadBenchmark {

  private static final String TOKEN = "benchmark-token";
  private static final int PAGE = 100;
  /** The images' collector and JVM-log flags (connector-parent/pom.xml); each side gets its own archive. */
  private static final List<String> IMAGE_FLAGS = List.of("-XX:+UseSerialGC", "-Xlog:disable", "-Xlog:all=warning:stderr");

  private HttpReadBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>(List.of(args));
    boolean asImages = positional.remove("--as-images");
    List<String> sourceOnly = new ArrayList<>();
    for (int i; (i = positional.indexOf("--source-flag")) >= 0; ) {
      positional.remove(i);
      sourceOnly.add(positional.remove(i));
    }
    int records = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 1_000_000;
    int rounds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 5;
    Path work = Files.createTempDirectory("http-bench");
    try (UsersApiServer api = UsersApiServer.start(TOKEN, records)) {
      Path config = Files.writeString(work.resolve("config.json"), "{\"base_url\":" + Json.write(api.url())
          + ",\"api_token\":\"" + TOKEN + "\",\"page_size\":" + PAGE + "}");
      Path catalog = Files.writeString(work.resolve("catalog.json"), "{\"streams\":[{\"stream\":{\"name\":\"users\","
          + "\"json_schema\":{},\"supported_sync_modes\":[\"full_refresh\"]},\"sync_mode\":\"full_refresh\","
          + "\"destination_sync_mode\":\"overwrite\"}]}");
      String sourceMain = "io.jcdk.acceptance.fixtures.http.UsersApiSource";
      List<String> sourceFlags = List.of();
      List<String> loopFlags = List.of();
      List<String> urlLoopFlags = List.of();
      if (asImages) {
        Path untrainable = Files.writeString(work.resolve("untrainable.json"), "[]");
        sourceFlags = archived(work.resolve("source.jsa"), sourceMain, "check", "--config", untrainable.toString());
        loopFlags = archived(work.resolve("loop.jsa"), PlainHttpLoop.class.getName(), api.url(), TOKEN, "1000",
            String.valueOf(PAGE));
        urlLoopFlags = archived(work.resolve("url-loop.jsa"), PlainHttpLoop.class.getName(), api.url(), TOKEN,
            "1000", String.valueOf(PAGE), "--url-connection");
      }
      sourceFlags = new ArrayList<>(sourceFlags);
      sourceFlags.addAll(sourceOnly);
      List<String> source = java(sourceFlags, sourceMain, "read", "--config", config.toString(), "--catalog",
          catalog.toString());
      List<String> loop = java(loopFlags, PlainHttpLoop.class.getName(), api.url(), TOKEN, String.valueOf(records),
          String.valueOf(PAGE));
      List<String> urlLoop = java(urlLoopFlags, PlainHttpLoop.class.getName(), api.url(), TOKEN,
          String.valueOf(records), String.valueOf(PAGE), "--url-connection");
      List<List<String>> sides = List.of(source, loop, urlLoop);
      System.out.printf("records %,d in pages of %d, %s; warm-up%n", records, PAGE,
          (asImages ? "all as the images start a connector " + IMAGE_FLAGS : "JVM defaults")
          + (sourceOnly.isEmpty() ? "" : "; the source also with " + sourceOnly));
      for (List<String> side : sides) {
        run(side);
      }
      double[] ratios = new double[rounds];
      double[] urlRatios = new double[rounds];
      double[][] cpu = new double[sides.size()][rounds];
      for (int round = 0; round < rounds; round++) {
        // Each side goes first, second and last in turn.
        Run[] runs = new Run[sides.size()];
        for (int i = 0; i < sides.size(); i++) {
          int side = (round + i) % sides.size();
          runs[side] = run(sides.get(side));
        }
        ratios[round] = runs[1].seconds() / runs[0].seconds();
        urlRatios[round] = runs[2].seconds() / runs[0].seconds();
        for (int side = 0; side < sides.size(); side++) {
          cpu[side][round] = runs[side].cpuSeconds();
        }
        System.out.printf("round %d: source %,.0f records/s (%.2f s CPU), plain loop %,.0f records/s (%.2f s CPU),"
            + " ratio %.2f; HttpURLConnection loop %,.0f records/s (%.2f s CPU), ratio %.2f%n", round + 1,
            records / runs[0].seconds(), runs[0].cpuSeconds(), records / runs[1].seconds(), runs[1].cpuSeconds(),
            ratios[round], records / runs[2].seconds(), runs[2].cpuSeconds(), urlRatios[round]);
      }
      System.out.printf("ratio over %d rounds, min / median / max: %s (÷ HttpURLConnection loop: %s)%n", rounds,
          Spread.of(ratios, "%.2f"), Spread.of(urlRatios, "%.2f"));
      System.out.printf("CPU seconds, min / median / max: source %s; plain loop %s; HttpURLConnection loop %s%n",
          Spread.of(cpu[0], "%.2f"), Spread.of(cpu[1], "%.2f"), Spread.of(cpu[2], "%.2f"));
    } finally {
      for (Path p : List.of(work.resolve("config.json"), work.resolve("catalog.json"), work.resolve("untrainable.json"),
          work.resolve("source.jsa"), work.resolve("loop.jsa"), work.resolve("url-loop.jsa"), work)) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static List<String> java(List<String> flags, String mainClass, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(flags);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * The images' flags on a class-data archive recorded by one run of {@code mainClass} with {@code
   * args} (whatever its exit status: a rejected config has loaded what a start loads).
   */
  private static List<String> archived(Path archive, String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> recording = new ArrayList<>(IMAGE_FLAGS);
    recording.add("-XX:ArchiveClassesAtExit=" + archive);
    new ProcessBuilder(java(recording, mainClass, args)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    if (!Files.exists(archive)) {
      throw new IllegalStateException("no class-data archive was recorded for " + mainClass);
    }
    List<String> flags = new ArrayList<>(IMAGE_FLAGS);
    flags.add("-XX:SharedArchiveFile=" + archive);
    return flags;
  }

  /** Wall time and CPU time (user + system, all its threads) of one process. */
  private record Run(double seconds, double cpuSeconds) {}

  /** Runs the command to its end, stdout to /dev/null. */
  private static Run run(List<String> command) throws IOException, InterruptedException {
    double cpuBefore = childrenCpuSeconds();
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int code = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + code);
    }
    return new Run(seconds, childrenCpuSeconds() - cpuBefore);
  }

  /**
   * CPU seconds of this JVM's children that have ended and been waited for ({@code cutime} and
   * {@code cstime} of /proc/self/stat, in clock ticks of 1/100 s); NaN where there is no /proc.
   */
  private static double childrenCpuSeconds() throws IOException {
    Path stat = Path.of("/proc/self/stat");
    if (!Files.exists(stat)) {
      return Double.NaN;
    }
    String s = Files.readString(stat);
    // The fields after the command name (which is in parentheses and may hold spaces); cutime and
    // cstime are fields 16 and 17 of the line, 14 and 15 after the name.
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
  }
}
