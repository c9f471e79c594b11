/**
 * What every HTTP answer shares: who may call (resource server on realm {@code roster}, group
 * coordinators only) and how errors read (RFC 9457 problem details from the FR/EN bundles).
 */
package coop.roster.imports.web;
