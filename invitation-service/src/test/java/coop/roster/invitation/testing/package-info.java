/**
 * What the integration tests use to drive invitation-service as other services and people do: events on
 * Kafka, GreenMail's mailboxes, headless Chromium, and the running service shared by every test class.
 */
package coop.roster.invitation.testing;
