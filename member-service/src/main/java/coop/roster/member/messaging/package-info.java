/**
 * How member-service publishes to Kafka: the outbox its documents carry and the relay that sends it, over the
 * one publisher of events. Reading records, dead letters and per-record traces for the batch consumer come from
 * the shared {@code messaging} module.
 */
package coop.roster.member.messaging;
