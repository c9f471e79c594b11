/**
 * Spring Messaging glue for services: the converter that applies {@link coop.roster.events.EventJson}
 * to Spring Cloud Stream bindings, and messages that carry an event's Kafka key.
 */
package coop.roster.events.stream;
