/**
 * The roster of a group: members and their details, the selections coordinators look at, search,
 * export, and the in-memory index that answers the member list within its budget.
 */
package coop.roster.member.roster;
