/**
 * What the integration tests use to drive invitation-service as other services and people do: events on
 * Kafka and the running service shared by every test class. GreenMail's mailboxes, headless Chromium and the
 * page members land on come from {@code coop.roster.testing} (test-support).
 */
package coop.roster.invitation.testing;
