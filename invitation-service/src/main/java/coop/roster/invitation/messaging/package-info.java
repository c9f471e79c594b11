/**
 * Kafka plumbing shared by the consumers: the one event converter, dead letters for batch consumers,
 * and publishing events on their own topic.
 */
package coop.roster.invitation.messaging;
