/**
 * What invitation-service asks of Keycloak, as its own service account: accounts for members (in bulk),
 * the attribute behind the coordinated-groups claim, and set-password links from the identity extension.
 */
package coop.roster.invitation.keycloak;
