/** What operators watch: the health of import-service's dependencies, as the probes report it. */
package coop.roster.imports.operations;
