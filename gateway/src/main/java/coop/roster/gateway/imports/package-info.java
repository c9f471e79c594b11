/**
 * "Importer": upload of the spreadsheet, the preview (mapping, counts, every problem with its line),
 * the choice for existing members and the consent, the live progress, the report and its rejected rows.
 */
package coop.roster.gateway.imports;
