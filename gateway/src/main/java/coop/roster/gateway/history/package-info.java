/**
 * "Historique": a group's past imports, invitation requests and member changes, each newest first, read from the
 * services that keep them.
 */
package coop.roster.gateway.history;
