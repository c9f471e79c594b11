/**
 * The operator's view of dead letters: what each {@code <topic>.dlq} holds and why, and replaying a selection of
 * them to the topic they came from, once. Plain Kafka clients, so that it runs from any service image.
 */
package coop.roster.messaging.deadletters;
