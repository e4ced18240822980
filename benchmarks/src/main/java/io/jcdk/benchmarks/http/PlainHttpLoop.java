package io.jcdk.benchmarks.http;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The references of {@link HttpReadBenchmark}: fetches the same pages as the source, with the JDK's
 * {@code HttpClient} (the reference) or, given {@code --url-connection}, with its {@code
 * HttpURLConnection} (the transport the kit's requester uses), and discards them (no parsing, no
 * output). It knows the cursors in advance.
 *
 * <pre>
 *   java -cp benchmarks.jar io.jcdk.benchmarks.http.PlainHttpLoop &lt;base-url&gt; &lt;token&gt; &lt;records&gt; &lt;page-size&gt; [--url-connection]
 * </pre>
 */
public final class PlainHttpLoop {

  private PlainHttpLoop() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String token = args[1];
    int records = Integer.parseInt(args[2]);
    int pageSize = Integer.parseInt(args[3]);
    if (args.length > 4 && args[4].equals("--url-connection")) {
      urlConnection(base, token, records, pageSize);
      return;
    }
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    long bytes = 0;
    for (int cursor = 0; cursor < records; cursor += pageSize) {
      String uri = base + "/users?sort=updated_at&limit=" + pageSize + (cursor == 0 ? "" : "&cursor=" + cursor);
      HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
          .header("Authorization", "Bearer " + token).header("Accept", "application/json").build();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered " + response.statusCode());
      }
      bytes += response.body().length;
    }
    System.err.println("plain loop: " + bytes + " bytes");
  }

  private static void urlConnection(String base, String token, int records, int pageSize) throws Exception {
    long bytes = 0;
    byte[] buffer = new byte[8192];
    for (int cursor = 0; cursor < records; cursor += pageSize) {
      String uri = base + "/users?sort=updated_at&limit=" + pageSize + (cursor == 0 ? "" : "&cursor=" + cursor);
      HttpURLConnection c = (HttpURLConnection) URI.create(uri).toURL().openConnection();
      c.setInstanceFollowRedirects(false);
      c.setRequestProperty("Authorization", "Bearer " + token);
      c.setRequestProperty("Accept", "application/json");
      if (c.getResponseCode() != 200) {
        throw new IllegalStateException(uri + " answered " + c.getResponseCode());
      }
      try (InputStream body = c.getInputStream()) {
        for (int n; (n = body.read(buffer)) >= 0; ) {
          bytes += n;
        }
      }
    }
    System.err.println("plain loop (HttpURLConnection): " + bytes + " bytes");
  }
}
