package coop.roster.gateway.roster;

import java.util.List;

/**
 * A group the coordinator sees.
 *
 * @param language the language of mails to members without one of their own ({@code fr}, {@code en})
 */
public record Group(String id, String name, List<String> coordinators, String language) {

  /** A group as member-service described it before groups had a language: French. */
  public Group(String id, String name, List<String> coordinators) {
    this(id, name, coordinators, "fr");
  }
}
