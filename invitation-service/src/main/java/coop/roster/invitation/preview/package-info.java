/**
 * The invitation preview: a coordinator sees the mail a member would receive, rendered as it would be
 * sent but with a placeholder link, and nothing is sent.
 */
package coop.roster.invitation.preview;
