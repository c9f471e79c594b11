package coop.roster.gateway.roster;

import java.util.List;

/** A group the coordinator sees. */
public record Group(String id, String name, List<String> coordinators) {
}
