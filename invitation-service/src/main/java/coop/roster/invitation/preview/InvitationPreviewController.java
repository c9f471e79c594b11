package coop.roster.invitation.preview;

import coop.roster.invitation.InvitationSettings;
import coop.roster.invitation.directory.Directory;
import coop.roster.invitation.directory.KnownGroup;
import coop.roster.invitation.directory.KnownMember;
import coop.roster.invitation.mail.Invitation;
import coop.roster.invitation.mail.MailTemplates;
import coop.roster.invitation.mail.RenderedMail;
import coop.roster.web.Caller;
import coop.roster.web.GroupAccess;
import coop.roster.web.LocalizedProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/** {@code GET /api/groups/{groupId}/invitation-previews/{memberId}}: the invitation, rendered, not sent. */
@RestController
class InvitationPreviewController {

  /** Stands for the member's personal link, which only a real invitation mints (reserved TLD: goes nowhere). */
  static final String PLACEHOLDER_LINK = "https://lien-personnel.invalid/definir-mon-mot-de-passe";

  /** As member-service refuses a longer note (README "Invitations"). */
  static final int NOTE_MAX_LENGTH = 1_000;

  private final Directory directory;
  private final MailTemplates templates;
  private final InvitationSettings settings;
  private final Clock clock;

  InvitationPreviewController(Directory directory, MailTemplates templates, InvitationSettings settings,
      Clock clock) {
    this.directory = directory;
    this.templates = templates;
    this.settings = settings;
    this.clock = clock;
  }

  @Operation(summary = "The invitation a member would receive, without sending it",
      description = "HTML by default, the plain-text part with format=text; the link is a placeholder. In the "
          + "language asked (lang=fr|en), else the caller's (Accept-Language), French by default. With the "
          + "coordinator's note (at most 1,000 characters) and, given reminderOf (the time of the invitation it "
          + "recalls), worded as a reminder.")
  @GetMapping("/api/groups/{groupId}/invitation-previews/{memberId}")
  @PreAuthorize("@groupAccess.allows(authentication, #groupId)")
  ResponseEntity<String> preview(@PathVariable String groupId, @PathVariable String memberId,
      @Parameter(description = "html or text") @RequestParam(defaultValue = "html") String format,
      @Parameter(description = "fr or en") @RequestParam(required = false) String lang,
      @Parameter(description = "the coordinator's personal note") @RequestParam(required = false) String note,
      @Parameter(description = "a reminder of the invitation of that time (ISO-8601)")
      @RequestParam(required = false) Instant reminderOf, Locale requestLocale) {
    if (note != null && note.length() > NOTE_MAX_LENGTH) {
      throw new LocalizedProblem(HttpStatus.BAD_REQUEST, "problem.note.tooLong", NOTE_MAX_LENGTH, note.length());
    }
    boolean text = switch (format) {
      case "html" -> false;
      case "text" -> true;
      default -> throw new LocalizedProblem(HttpStatus.BAD_REQUEST, "problem.format", format);
    };
    KnownMember member = directory.member(groupId, memberId)
        .orElseThrow(() -> new LocalizedProblem(HttpStatus.NOT_FOUND, "problem.member.unknown"));
    String groupName = directory.group(groupId).map(KnownGroup::name).filter(name -> name != null && !name.isBlank())
        .orElse(groupId);
    Caller caller = GroupAccess.caller();
    Invitation invitation = new Invitation(Invitation.language(lang != null ? lang : requestLocale.toLanguageTag()),
        groupName, caller.name(), caller.email(), member.firstName(), member.lastName(), member.email(),
        PLACEHOLDER_LINK, clock.instant().plus(settings.linkLifetime()), note, reminderOf);
    RenderedMail mail = templates.render(invitation);
    return ResponseEntity.ok()
        .contentType(new MediaType(text ? MediaType.TEXT_PLAIN : MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Content-Language", invitation.locale().getLanguage())
        .body(text ? mail.text() : mail.html());
  }
}
