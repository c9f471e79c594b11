/**
 * {@code /api/**} routed by path prefix to the service that owns it, with the user's token relayed,
 * and the load balancing over every instance of each service the environment names.
 */
package coop.roster.gateway.routing;
