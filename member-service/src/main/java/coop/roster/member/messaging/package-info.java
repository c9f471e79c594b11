/**
 * How member-service talks to Kafka: the shared event converter, the one publisher of events,
 * dead-letter handling and per-record traces for the batch consumer.
 */
package coop.roster.member.messaging;
