package coop.roster.stack;

import org.springframework.data.annotation.Id;

/** What the smoke application keeps in MongoDB. */
record Note(@Id String id, String group, String text) {
}
