/** The file coordinators can start from: the columns an import recognises, in French or English. */
package coop.roster.imports.template;
