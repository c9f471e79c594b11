/**
 * Tests of the whole system: every service started from its jar on the real infrastructure, once
 * per test JVM, and driven over HTTP, Kafka, SMTP and a browser as people and services do.
 */
package coop.roster.system;
