/**
 * The first page after login: the coordinator's group (straight to its members), the choice of groups
 * for a coordinator of several, or a welcome for a member, who coordinates none.
 */
package coop.roster.gateway.groups;
