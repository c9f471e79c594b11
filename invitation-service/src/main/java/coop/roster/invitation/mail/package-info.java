/**
 * The invitation e-mail: rendered with Thymeleaf (HTML and text, French or English), composed as a
 * multipart/alternative MIME message, and handed to the SMTP relay at a limited rate on a reused connection.
 */
package coop.roster.invitation.mail;
