/**
 * The HTTP edge shared by every feature: who the caller is and which groups they may touch,
 * problem details in the caller's language, and the OpenAPI description.
 */
package coop.roster.member.web;
