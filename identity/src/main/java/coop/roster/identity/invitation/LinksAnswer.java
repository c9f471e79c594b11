package coop.roster.identity.invitation;

import java.util.List;

/** The links endpoint's answer: one {@link LinkAnswer} per e-mail, in the order asked. */
record LinksAnswer(List<LinkAnswer> links) {
}
