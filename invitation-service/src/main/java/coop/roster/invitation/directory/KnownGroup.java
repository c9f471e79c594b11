package coop.roster.invitation.directory;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;

/** A group's name and the coordinators Keycloak was last told about, so removals can be computed. */
@Document("groups")
public record KnownGroup(@Id String id, String name, List<String> coordinatorEmails) {
}
