/**
 * Several replicas of each service on the shared system, one of each killed in the middle of an import
 * and of an invitation request: what lands, what is mailed, and how often twice.
 */
package coop.roster.system.replicas;
