/**
 * How import-service's consumers take their records from Kafka: by batches, read as events one by one,
 * an unreadable record sent to its dead-letter topic alone.
 */
package coop.roster.imports.messaging;
