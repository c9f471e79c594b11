/**
 * What member-service adds to the shared web edge ({@code coop.roster.web}): the names its features use for the
 * caller and for localized problems, and the OpenAPI description.
 */
package coop.roster.member.web;
