/**
 * What invitation-service keeps from member-service's events (members' names and e-mails, groups' names and
 * coordinators) and the Keycloak accounts it keeps in step with them.
 */
package coop.roster.invitation.directory;
