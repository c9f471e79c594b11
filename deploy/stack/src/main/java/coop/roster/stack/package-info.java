/**
 * The one launcher of Roster's infrastructure: Kafka, the MongoDB-protocol server, GreenMail and
 * Keycloak as real processes on 127.0.0.1, and the services on top of them for the local stack.
 */
package coop.roster.stack;
