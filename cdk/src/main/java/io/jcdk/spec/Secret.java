package io.jcdk.spec;

/**
 * A credential from the config, with the name of the field it came from. Keep credentials in this
 * type inside a config record: a record's {@code toString} would otherwise print them, and an error
 * about the credential can name the field the user has to fix.
 *
 * <pre>{@code
 * record Config(URI baseUrl, Secret apiToken) {
 *   static Config parse(JsonNode c) {
 *     return new Config(URI.create(c.get("base_url").asText()), Secret.of("api_token", c.get("api_token").asText()));
 *   }
 * }
 * }</pre>
 *
 * <p>The value of an {@code airbyte_secret} field is masked in every LOG and TRACE message by the
 * runtime already; a value derived from it (an encoded form, a token fetched with it) is not, unless
 * it is passed to {@link Secrets#learn}.
 *
 * @param field the config field, as a user sees it in the spec (e.g. {@code credentials.api_token})
 * @param value the credential itself; never print it
 */
public record Secret(String field, String value) {

  public Secret {
    if (field == null || field.isBlank()) {
      throw new IllegalArgumentException("a secret needs the name of its config field");
    }
    if (value == null) {
      throw new IllegalArgumentException("the config field '" + field + "' has no value");
    }
  }

  public static Secret of(String field, String value) {
    return new Secret(field, value);
  }

  /** The field name and a mask, never the value. */
  @Override
  public String toString() {
    return field + "=" + Secrets.MASK;
  }
}
