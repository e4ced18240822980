package io.jcdk.source.postgres;

/**
 * Interval text as an ISO 8601 duration, exactly as PostgreSQL's {@code IntervalStyle=iso_8601}
 * writes it ({@code P1Y2M3DT4H5M6.5S}, {@code P-1Y-2M3DT-4H}, {@code PT0S}).
 *
 * <p>Text already in that style passes through; text in the default {@code postgres} style
 * ({@code 1 year 2 mons 3 days 04:05:06.5}, {@code -1 years -2 mons +3 days -04:05:06}) is
 * rewritten. The other styles ({@code postgres_verbose}, {@code sql_standard}) are not accepted:
 * {@link PgSessionSettings} keeps sessions off them.
 */
final class PgInterval {

  private PgInterval() {}

  static String toIso8601(String text) {
    if (!text.isEmpty() && text.charAt(0) == 'P') {
      return text;
    }
    long years = 0;
    long months = 0;
    long days = 0;
    long hours = 0;
    long minutes = 0;
    long seconds = 0;
    String fraction = "";
    boolean negativeTime = false;
    String[] tokens = text.trim().split(" +");
    for (int i = 0; i < tokens.length; i++) {
      String token = tokens[i];
      if (token.indexOf(':') >= 0) {
        negativeTime = token.charAt(0) == '-';
        String t = token.charAt(0) == '-' || token.charAt(0) == '+' ? token.substring(1) : token;
        String[] hms = t.split(":");
        hours = Long.parseLong(hms[0]);
        minutes = Long.parseLong(hms[1]);
        String sec = hms[2];
        int dot = sec.indexOf('.');
        seconds = Long.parseLong(dot < 0 ? sec : sec.substring(0, dot));
        fraction = dot < 0 ? "" : sec.substring(dot);
        continue;
      }
      if (i + 1 >= tokens.length) {
        throw malformed(text);
      }
      long value = Long.parseLong(token.charAt(0) == '+' ? token.substring(1) : token);
      String unit = tokens[++i];
      if (unit.startsWith("year")) {
        years = value;
      } else if (unit.startsWith("mon")) {
        months = value;
      } else if (unit.startsWith("day")) {
        days = value;
      } else {
        throw malformed(text);
      }
    }
    boolean timeZero = hours == 0 && minutes == 0 && seconds == 0 && fraction.isEmpty();
    if (years == 0 && months == 0 && days == 0 && timeZero) {
      return "PT0S";
    }
    String timeSign = negativeTime ? "-" : "";
    StringBuilder s = new StringBuilder("P");
    part(s, "", years, 'Y');
    part(s, "", months, 'M');
    part(s, "", days, 'D');
    if (!timeZero) {
      s.append('T');
      part(s, timeSign, hours, 'H');
      part(s, timeSign, minutes, 'M');
      if (seconds != 0 || !fraction.isEmpty()) {
        s.append(timeSign).append(seconds).append(fraction).append('S');
      }
    }
    return s.toString();
  }

  private static void part(StringBuilder s, String sign, long value, char unit) {
    if (value != 0) {
      s.append(sign).append(value).append(unit);
    }
  }

  private static IllegalArgumentException malformed(String text) {
    return new IllegalArgumentException("not an interval text value in the postgres style: " + text);
  }
}
