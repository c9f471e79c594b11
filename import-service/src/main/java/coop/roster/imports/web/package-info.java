/**
 * What import-service adds to the shared web edge ({@code coop.roster.web}): a group's imports reserved to its
 * coordinators by URL, and its own words for files that cannot be imported.
 */
package coop.roster.imports.web;
