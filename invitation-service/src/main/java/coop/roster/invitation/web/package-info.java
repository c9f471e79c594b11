/**
 * The HTTP side: an OAuth2 resource server on realm {@code roster} (coordinators of a group, or the
 * platform administrator), and errors as RFC 9457 problem details worded from the FR/EN bundles.
 */
package coop.roster.invitation.web;
