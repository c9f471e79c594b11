/**
 * "Envoyer des invitations" on a selection: the confirmation that says how many people will receive
 * one, then the live progress (sent, failed) and the result.
 */
package coop.roster.gateway.invitations;
