/**
 * The Kafka plumbing every service shares, configured by depending on this module: records read as events
 * ({@link coop.roster.messaging.EventRecords}), events sent with their trace and acknowledged by batches
 * ({@link coop.roster.messaging.EventSender}), dead letters for every binding and per-record traces in batch
 * consumers ({@link coop.roster.messaging.MessagingAutoConfiguration}).
 */
package coop.roster.messaging;
