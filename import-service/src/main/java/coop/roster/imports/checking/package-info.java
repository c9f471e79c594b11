/**
 * What the rows mean and whether they can be imported: recognising columns from French and English
 * headers, tidying values, and listing every problem of every row with its line and column.
 */
package coop.roster.imports.checking;
