/**
 * One trace id from a request, through the services and Kafka, to the mail it causes: what an operator
 * follows in the logs when a coordinator asks where an invitation went.
 */
package coop.roster.system.tracing;
