/**
 * The HTTP edge every service shares: an OAuth2 resource server on realm {@code roster}, who the caller is and
 * which groups they may touch, and refusals and errors as RFC 9457 problem details in the caller's language.
 */
package coop.roster.web;
