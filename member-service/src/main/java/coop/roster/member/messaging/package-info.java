/**
 * How member-service talks to Kafka: the shared event converter, the one publisher of events,
 * and dead-letter handling for the batch consumer.
 */
package coop.roster.member.messaging;
