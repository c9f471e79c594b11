package coop.roster.system.security;

import coop.roster.stack.Services;
import coop.roster.system.RosterSystem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every route of every service, read from the service's own OpenAPI document ({@code /v3/api-docs}, which
 * springdoc generates from the controllers): a route added tomorrow is in the list without anyone editing a test.
 */
final class Routes {

  private static final Pattern LITERAL_CHOICE =
      Pattern.compile("[A-Za-z]+(\\|[A-Za-z]+)+");

  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  private Routes() {
  }

  /** A route: the service that answers it, its method and path template, and how it takes a body. */
  record Route(String service, String baseUrl, String method, String path, JsonNode operation, JsonNode document) {

    /** The names of the path's variables, in order ({@code groupId}, {@code memberId}, …). */
    List<String> variables() {
      List<String> names = new ArrayList<>();
      Matcher matcher = VARIABLE.matcher(path);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
      return names;
    }

    /** The address with each variable replaced by its value. */
    String url(Map<String, String> values) {
      String resolved = path;
      for (String name : variables()) {
        String value = values.get(name);
        if (value == null) {
          throw new AssertionError(this + " has the path variable {" + name + "}, which the security suite has"
              + " no value for: give it one, so that this route is checked too");
        }
        resolved = resolved.replace("{" + name + "}", value);
      }
      return baseUrl + resolved;
    }

    boolean takesFile() {
      return operation.path("requestBody").path("content").has("multipart/form-data");
    }

    /** A body the route would accept were the caller allowed: built from its request schema (null if it has none). */
    JsonNode sampleBody() {
      JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
      return schema.isMissingNode() ? null : sample(schema, 0);
    }

    private JsonNode sample(JsonNode schema, int depth) {
      if (schema.has("$ref")) {
        String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
        return sample(document.path("components").path("schemas").path(name), depth);
      }
      if (schema.has("enum")) {
        return schema.get("enum").get(0);
      }
      String type = schema.path("type").asString("object");
      return switch (type) {
        case "string" -> JsonNodeFactory.instance.stringNode(
            "email".equals(schema.path("format").asString()) || schema.path("pattern").asString().contains("@")
                ? "intrus@security-suite.example"
                // A choice of words (a language: "fr|en"): the first, so the body is valid and the route's ids
                // are what is tested, not the body's checks.
                : LITERAL_CHOICE.matcher(schema.path("pattern").asString()).matches()
                    ? schema.path("pattern").asString().split("\\|")[0] : "intrus");
        case "integer", "number" -> JsonNodeFactory.instance.numberNode(1);
        case "boolean" -> JsonNodeFactory.instance.booleanNode(true);
        case "array" -> {
          ArrayNode array = Http.JSON.createArrayNode();
          if (depth < 4) {
            array.add(sample(schema.path("items"), depth + 1));
          }
          yield array;
        }
        default -> {
          ObjectNode object = Http.JSON.createObjectNode();
          if (depth < 4) {
            schema.path("properties").properties().forEach(property ->
                object.set(property.getKey(), sample(property.getValue(), depth + 1)));
          }
          yield object;
        }
      };
    }

    @Override
    public String toString() {
      return service + " " + method + " " + path;
    }
  }

  /** Every route of the three backends, each read from the first instance's OpenAPI document. */
  static List<Route> of(RosterSystem system) {
    List<Route> routes = new ArrayList<>();
    for (String service : Services.BACKENDS) {
      String baseUrl = system.url(service);
      Http.Answer answer = Http.get(baseUrl + "/v3/api-docs", null);
      if (answer.status() != 200) {
        throw new AssertionError(service + " publishes no OpenAPI document at /v3/api-docs: " + answer);
      }
      JsonNode document = answer.json();
      document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
        if (METHODS.contains(operation.getKey())) {
          routes.add(new Route(service, baseUrl, operation.getKey().toUpperCase(), path.getKey(),
              operation.getValue(), document));
        }
      }));
    }
    return routes;
  }
}
