/**
 * Who is using the gateway: OIDC login with Keycloak (authorization code with PKCE), the server-side
 * session holding the user's tokens, RP-initiated logout, CSRF on every form and the security headers.
 */
package coop.roster.gateway.security;
