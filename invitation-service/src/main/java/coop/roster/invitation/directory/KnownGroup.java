package coop.roster.invitation.directory;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A group's name and its current coordinators, as the latest {@code groups.v1} event says (by the time it
 * occurred, {@code coordinatorsAt}): what each coordinator's {@code roster_groups} is computed from.
 */
@Document("groups")
public record KnownGroup(@Id String id, String name, List<String> coordinatorEmails, Instant coordinatorsAt) {
}
