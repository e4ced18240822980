package io.jcdk.benchmarks.process;

import io.jcdk.benchmarks.Spread;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * Runs a connector's command and a reference command (or several) as processes, one after the other
 * in each round (the order alternates), and reports the ratio of their times per round: on a shared machine
 * only two things measured minutes apart compare, and one round proves nothing, so the summary is
 * the minimum, median and maximum over the rounds.
 *
 * <p>Each process runs under {@code /usr/bin/time}, which reports its CPU time (user + system) and
 * peak resident set; stdout goes to {@code /dev/null} on both sides, stdin comes from a file or
 * from nothing. Wall time is measured here, from start to exit.
 */
final class Rounds {

  /** One command to time; {@code stdin} may be null. */
  record Command(List<String> argv, Path stdin) {
    static Command of(List<String> argv) {
      return new Command(argv, null);
    }
  }

  /** What one process took: wall and CPU seconds, peak RSS in MB. */
  record Measured(double wall, double cpu, double rssMb) {}

  private final List<String> names;
  /** Per side (the connector first, then each reference), what each round measured. */
  private final List<List<Measured>> measured = new ArrayList<>();

  Rounds(String connectorName, String... referenceNames) {
    List<String> all = new ArrayList<>(List.of(connectorName));
    all.addAll(List.of(referenceNames));
    this.names = List.copyOf(all);
    names.forEach(n -> measured.add(new ArrayList<>()));
  }

  /**
   * Runs {@code rounds} rounds; the commands are built per round (1-based), since a CDC round needs
   * slots of its own.
   */
  Rounds run(int rounds, IntFunction<Command> connectorCommand, IntFunction<Command> referenceCommand)
      throws IOException, InterruptedException {
    return run(rounds, List.of(connectorCommand, referenceCommand));
  }

  /**
   * Runs {@code rounds} rounds of every side (the connector's command first, then the references' in
   * the order of their names); odd rounds run them in that order, even rounds in reverse.
   */
  Rounds run(int rounds, List<IntFunction<Command>> commands) throws IOException, InterruptedException {
    if (commands.size() != names.size()) {
      throw new IllegalArgumentException(commands.size() + " commands for the sides " + names);
    }
    for (int round = 1; round <= rounds; round++) {
      Measured[] m = new Measured[names.size()];
      for (int k = 0; k < m.length; k++) {
        int side = round % 2 == 1 ? k : m.length - 1 - k;
        m[side] = time(commands.get(side).apply(round));
      }
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d: %s", round, side(0, m[0])));
      for (int side = 1; side < m.length; side++) {
        line.append(String.format(Locale.ROOT, ", %s, ratio %.2f", side(side, m[side]), m[side].wall() / m[0].wall()));
      }
      System.err.println(line);
      for (int side = 0; side < m.length; side++) {
        measured.get(side).add(m[side]);
      }
    }
    return this;
  }

  private String side(int side, Measured m) {
    return String.format(Locale.ROOT, "%s %.2f s (CPU %.2f s, RSS %.0f MB)", names.get(side), m.wall(), m.cpu(),
        m.rssMb());
  }

  /**
   * Prints one summary line per reference: connector rate ÷ reference rate (reference time ÷
   * connector time) per round, connector CPU ÷ reference CPU per round (steadier than wall time on a
   * busy machine when two builds are compared), and each side's wall, CPU and RSS, as min / median /
   * max.
   */
  void report(String title) {
    List<Measured> connector = measured.get(0);
    for (int side = 1; side < names.size(); side++) {
      List<Measured> reference = measured.get(side);
      double[] ratio = new double[connector.size()];
      double[] cpuRatio = new double[connector.size()];
      for (int i = 0; i < ratio.length; i++) {
        ratio[i] = reference.get(i).wall() / connector.get(i).wall();
        cpuRatio[i] = connector.get(i).cpu() / reference.get(i).cpu();
      }
      String connectorName = names.get(0);
      String referenceName = names.get(side);
      System.out.printf(Locale.ROOT, "%s: %s ÷ %s over %d rounds: ratio %s (CPU %s ÷ %s: %s); %s wall %s s, CPU %s s,"
              + " RSS %s MB; %s wall %s s, CPU %s s, RSS %s MB%n", title, connectorName, referenceName, ratio.length,
          Spread.of(ratio, "%.2f"), connectorName, referenceName, Spread.of(cpuRatio, "%.2f"), connectorName,
          spread(connector, Measured::wall, "%.2f"), spread(connector, Measured::cpu, "%.2f"),
          spread(connector, Measured::rssMb, "%.0f"), referenceName, spread(reference, Measured::wall, "%.2f"),
          spread(reference, Measured::cpu, "%.2f"), spread(reference, Measured::rssMb, "%.0f"));
    }
  }

  private static String spread(List<Measured> values, ToDoubleFunction<Measured> f,
      String format) {
    return Spread.of(values.stream().mapToDouble(f).toArray(), format);
  }

  /** Runs the command to its end under /usr/bin/time; fails on a non-zero exit. */
  static Measured time(Command command) throws IOException, InterruptedException {
    Path times = Files.createTempFile("jcdk-bench-time", ".txt");
    Path errors = Files.createTempFile("jcdk-bench-stderr", ".txt");
    try {
      List<String> argv = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S %M", "-o", times.toString()));
      argv.addAll(command.argv());
      ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(new File("/dev/null"))
          .redirectError(errors.toFile());
      pb.redirectInput(command.stdin() == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
          : ProcessBuilder.Redirect.from(command.stdin().toFile()));
      long start = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out after 60 minutes: " + String.join(" ", command.argv()));
      }
      double wall = (System.nanoTime() - start) / 1e9;
      if (p.exitValue() != 0) {
        throw new IllegalStateException("exit " + p.exitValue() + " from " + String.join(" ", command.argv())
            + ": " + tail(Files.readString(errors)));
      }
      String[] f = Files.readString(times).strip().split("\\s+");
      int n = f.length;
      return new Measured(wall, Double.parseDouble(f[n - 3]) + Double.parseDouble(f[n - 2]),
          Double.parseDouble(f[n - 1]) / 1024);
    } finally {
      Files.deleteIfExists(times);
      Files.deleteIfExists(errors);
    }
  }

  private static String tail(String s) {
    return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
  }
}
