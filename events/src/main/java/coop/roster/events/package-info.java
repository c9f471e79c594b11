/**
 * The event contracts Roster's services exchange on Kafka: one record per event, the topic
 * each travels on and its key, and the single JSON mapping every producer and consumer uses.
 */
package coop.roster.events;
