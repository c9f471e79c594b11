/**
 * What the launcher runs in child processes: the classpaths Maven resolved for each server, and
 * the entry point of mongo-java-server.
 */
package coop.roster.stack.servers;
