/**
 * Pages anyone may read without logging in: "Comment se connecter à Roster" (the link coordinators
 * send to their members), the page after logging out, and the page of a form that expired.
 */
package coop.roster.gateway.help;
