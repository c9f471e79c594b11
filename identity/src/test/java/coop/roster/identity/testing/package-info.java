/**
 * What the identity module's integration tests share: calls to the realm as its clients make
 * them, the login events on Kafka, and the theme's words. The browser and the page to land on after an
 * invitation come from {@code coop.roster.testing} (test-support).
 */
package coop.roster.identity.testing;
