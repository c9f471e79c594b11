/**
 * Reading the file a coordinator uploads: its kind and encoding from its bytes, its separator from
 * its first lines, then its rows one at a time with Commons CSV, within the configured limits; a
 * workbook (.xlsx, .xlsm, .ods) streamed from one sheet, its cells as the spreadsheet shows them.
 */
package coop.roster.imports.spreadsheet;
