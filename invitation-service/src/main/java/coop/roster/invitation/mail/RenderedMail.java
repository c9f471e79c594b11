package coop.roster.invitation.mail;

/** An invitation rendered: its subject, its HTML part and its plain-text part. */
public record RenderedMail(String subject, String html, String text) {
}
