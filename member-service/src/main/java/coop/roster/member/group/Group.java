package coop.roster.member.group;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A local food group.
 *
 * @param id            short stable id, also its slug in addresses ({@code amap-des-lilas})
 * @param coordinators  normalised e-mails of its coordinators
 * @param locale        the language of mails to members whose own is unknown
 * @param rosterVersion raised after every change to the group's members, so readers know when what
 *                      they hold is out of date
 */
@Document("groups")
public record Group(
    @Id String id,
    String name,
    String slug,
    List<String> coordinators,
    String locale,
    Instant createdAt,
    long rosterVersion) {

  public static final String DEFAULT_LOCALE = "fr";
}
