/**
 * member-service as the pages see it: a group's roster, its selections and invitation requests, read
 * and changed on the logged-in coordinator's behalf.
 */
package coop.roster.gateway.roster;
