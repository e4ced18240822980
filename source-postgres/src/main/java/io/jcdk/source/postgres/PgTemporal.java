package io.jcdk.source.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Date and time text of {@code DateStyle=ISO} turned into ISO 8601.
 *
 * <p>PostgreSQL writes {@code 2024-01-02 03:04:05.5+01} and {@code 0044-03-15 BC}; JSON consumers
 * expect {@code 2024-01-02T02:04:05.5Z} and an astronomical year ({@code 1 BC} is year 0,
 * {@code 44 BC} is {@code -0043}). Years past 9999 get a {@code +} sign, as in ISO 8601's
 * expanded form. {@code infinity} and {@code -infinity} are kept as they are. The fractional
 * seconds are kept exactly as PostgreSQL printed them (microsecond precision, no trailing zeros).
 *
 * <p>The conversion is on the text: no {@code java.time} objects per value, and no time zone
 * database (offsets are fixed numbers in the text).
 */
final class PgTemporal {

  private static final String BC = " BC";

  private PgTemporal() {}

  /**
   * The common case straight from the bytes: a four-digit AD year, and for timestamptz the offset
   * {@code +00} (the reading session's time zone is UTC). {@code 2024-01-02 03:04:05.5[+00]} becomes
   * {@code 2024-01-02T03:04:05.5[Z]} with one char array. Returns false, writing nothing, for
   * anything else.
   */
  static boolean writeCommonTimestamp(JsonGenerator out, byte[] text, int offset, int length, boolean utc)
      throws IOException {
    int end = offset + length;
    if (length < 19 || text[offset + 4] != '-' || text[offset + 10] != ' ' || text[end - 1] == 'C') {
      return false;
    }
    int body = length;
    if (utc) {
      if (text[end - 3] != '+' || text[end - 2] != '0' || text[end - 1] != '0') {
        return false;
      }
      body = length - 3;
    }
    char[] chars = new char[utc ? body + 1 : body];
    for (int i = 0; i < body; i++) {
      chars[i] = (char) text[offset + i];
    }
    chars[10] = 'T';
    if (utc) {
      chars[body] = 'Z';
    }
    out.writeString(chars, 0, chars.length);
    return true;
  }

  /** {@code yyyy-mm-dd[ BC]}. */
  static String date(String text) {
    if (isInfinity(text)) {
      return text;
    }
    boolean bc = text.endsWith(BC);
    if (!bc && text.indexOf('-') == 4) {
      return text;
    }
    String body = bc ? text.substring(0, text.length() - BC.length()) : text;
    int dash = body.indexOf('-');
    return year(Long.parseLong(body.substring(0, dash)), bc) + body.substring(dash);
  }

  /** {@code yyyy-mm-dd hh:mm:ss[.f][ BC]}. */
  static String timestamp(String text) {
    if (isInfinity(text)) {
      return text;
    }
    boolean bc = text.endsWith(BC);
    String body = bc ? text.substring(0, text.length() - BC.length()) : text;
    int space = body.indexOf(' ');
    String date = date(bc ? body.substring(0, space) + BC : body.substring(0, space));
    return date + 'T' + body.substring(space + 1);
  }

  /** {@code hh:mm:ss[.f]±hh[:mm[:ss]]}: the offset is written {@code ±hh:mm[:ss]}. */
  static String timeTz(String text) {
    int sign = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
    String offset = text.substring(sign);
    return offset.length() == 3 ? text + ":00" : text;
  }

  /** {@code yyyy-mm-dd hh:mm:ss[.f]±hh[:mm[:ss]][ BC]}, normalized to UTC. */
  static String timestampTz(String text) {
    if (isInfinity(text)) {
      return text;
    }
    boolean bc = text.endsWith(BC);
    String body = bc ? text.substring(0, text.length() - BC.length()) : text;
    int space = body.indexOf(' ', 1);
    int offsetAt = Math.max(body.lastIndexOf('+'), body.lastIndexOf('-'));
    if (offsetAt <= space) {
      throw new IllegalArgumentException("not a timestamptz text value (no UTC offset): " + text);
    }
    String time = body.substring(space + 1, offsetAt);
    int offsetSeconds = body.endsWith("+00") ? 0 : offsetSeconds(body.substring(offsetAt));
    if (offsetSeconds == 0) {
      return date(bc ? body.substring(0, space) + BC : body.substring(0, space)) + 'T' + time + 'Z';
    }
    int d1 = body.indexOf('-', 1);
    int d2 = body.indexOf('-', d1 + 1);
    long year = Long.parseLong(body.substring(0, d1));
    year = bc ? 1 - year : year;
    int month = Integer.parseInt(body.substring(d1 + 1, d2));
    int day = Integer.parseInt(body.substring(d2 + 1, space));
    int hour = Integer.parseInt(time.substring(0, 2));
    int minute = Integer.parseInt(time.substring(3, 5));
    int second = Integer.parseInt(time.substring(6, 8));
    String fraction = time.substring(8);

    long epochSecond =
        daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    long days = Math.floorDiv(epochSecond, 86_400L);
    long secondOfDay = Math.floorMod(epochSecond, 86_400L);
    StringBuilder s = new StringBuilder(32);
    civilFromDays(days, s);
    s.append('T');
    two(s, (int) (secondOfDay / 3600)).append(':');
    two(s, (int) (secondOfDay / 60 % 60)).append(':');
    two(s, (int) (secondOfDay % 60));
    return s.append(fraction).append('Z').toString();
  }

  private static boolean isInfinity(String text) {
    return text.equals("infinity") || text.equals("-infinity");
  }

  /** {@code ±hh}, {@code ±hh:mm} or {@code ±hh:mm:ss}. */
  private static int offsetSeconds(String offset) {
    int seconds = Integer.parseInt(offset.substring(1, 3)) * 3600;
    if (offset.length() >= 6) {
      seconds += Integer.parseInt(offset.substring(4, 6)) * 60;
    }
    if (offset.length() >= 9) {
      seconds += Integer.parseInt(offset.substring(7, 9));
    }
    return offset.charAt(0) == '-' ? -seconds : seconds;
  }

  /** An ISO 8601 year from PostgreSQL's: {@code n BC} is astronomical year {@code 1 - n}. */
  private static String year(long pgYear, boolean bc) {
    StringBuilder s = new StringBuilder(8);
    appendYear(s, bc ? 1 - pgYear : pgYear);
    return s.toString();
  }

  private static void appendYear(StringBuilder s, long year) {
    if (year < 0) {
      s.append('-');
    } else if (year > 9999) {
      s.append('+');
    }
    String digits = Long.toString(Math.abs(year));
    for (int i = digits.length(); i < 4; i++) {
      s.append('0');
    }
    s.append(digits);
  }

  private static StringBuilder two(StringBuilder s, int v) {
    return s.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  /**
   * Days since 1970-01-01 of a proleptic Gregorian date (astronomical year), as PostgreSQL counts
   * (Howard Hinnant's {@code days_from_civil}).
   */
  static long daysFromCivil(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  /** Appends {@code yyyy-mm-dd} (ISO 8601 year) of a day count since 1970-01-01. */
  static void civilFromDays(long days, StringBuilder s) {
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    appendYear(s, year);
    s.append('-');
    two(s, month).append('-');
    two(s, day);
  }
}
