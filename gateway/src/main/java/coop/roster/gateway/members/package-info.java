/**
 * "Gestion adhérents": the member list with its "Sélections", search, sort and paging; "Nouvel
 * adhérent"; a member's page with edit, removal, an invitation and the welcome message to copy.
 */
package coop.roster.gateway.members;
