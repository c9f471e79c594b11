package coop.roster.member.group;

import coop.roster.member.web.GroupAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.List;

/** Minimal group administration: list, create (platform admin), name or remove a coordinator. */
@RestController
@RequestMapping("/api/groups")
@Tag(name = "Groups", description = "Groups and their coordinators")
class GroupController {

  private final GroupAdministration administration;

  GroupController(GroupAdministration administration) {
    this.administration = administration;
  }

  /**
   * A group as the API shows it.
   *
   * @param language the language of mails to members without one of their own ({@code fr}, {@code en})
   */
  record GroupView(String id, String name, String slug, List<String> coordinators, Instant createdAt,
      String language, Reminders reminders) {
    static GroupView of(Group group) {
      return new GroupView(group.id(), group.name(), group.slug(), group.coordinators(), group.createdAt(),
          group.locale() == null ? Group.DEFAULT_LOCALE : group.locale(), group.remindersOrDefault());
    }
  }

  /**
   * What a coordinator may set of their group.
   *
   * @param reminders the automatic reminders; absent, unchanged
   */
  record GroupSettings(
      @Schema(description = "fr or en") @NotBlank @Pattern(regexp = "fr|en")
      String language,
      @Valid ReminderSettings reminders) {
  }

  /**
   * Automatic reminders of members invited and not activated.
   *
   * @param afterDays days after the last invitation sent, 1 to 60
   * @param atMost    reminders per member at most, 1 to 5
   */
  record ReminderSettings(
      boolean enabled,
      @Min(Reminders.MIN_DAYS) @Max(Reminders.MAX_DAYS) int afterDays,
      @Min(Reminders.MIN_TIMES) @Max(Reminders.MAX_TIMES) int atMost) {
  }

  /**
   * A new group and its first coordinator, who becomes a member of it too.
   *
   * @param id short stable id, also the slug: lower-case letters, digits and dashes
   */
  record NewGroup(
      @NotBlank @Size(max = 60) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*") String id,
      @NotBlank @Size(max = 120) String name,
      @Valid FirstCoordinator coordinator) {
  }

  record FirstCoordinator(
      @NotBlank @Email(regexp = "^[^@]+@[^@]+\\.[^@.]+$") @Size(max = 254) String email,
      @NotBlank @Size(max = 100) String firstName,
      @NotBlank @Size(max = 100) String lastName) {
  }

  /** The member to make coordinator. */
  record NewCoordinator(@NotBlank String memberId) {
  }

  @GetMapping
  @Operation(summary = "The groups the caller coordinates; every group for the platform admin")
  List<GroupView> list() {
    return administration.visibleTo(GroupAccess.caller()).stream().map(GroupView::of).toList();
  }

  @GetMapping("/{groupId}")
  @PreAuthorize("@groupAccess.allows(authentication, #groupId)")
  GroupView get(@PathVariable String groupId) {
    return GroupView.of(administration.get(groupId));
  }

  @PutMapping("/{groupId}/settings")
  @PreAuthorize("@groupAccess.allows(authentication, #groupId)")
  @Operation(summary = "Sets the group's language, that of mails to members without one of their own, and its "
      + "automatic reminders (absent: unchanged)")
  GroupView changeSettings(@PathVariable String groupId, @Valid @RequestBody GroupSettings settings) {
    ReminderSettings reminders = settings.reminders();
    return GroupView.of(administration.changeSettings(groupId, settings.language(), reminders == null ? null
        : new Reminders(reminders.enabled(), reminders.afterDays(), reminders.atMost())));
  }

  @PostMapping
  @PreAuthorize("@groupAccess.isPlatformAdmin(authentication)")
  @Operation(summary = "Creates a group and names its first coordinator (platform admin only)")
  ResponseEntity<GroupView> create(@Valid @RequestBody NewGroup group) {
    if (group.coordinator() == null) {
      throw new coop.roster.member.web.LocalizedProblem(org.springframework.http.HttpStatus.BAD_REQUEST,
          "group.coordinatorRequired");
    }
    Group created = administration.create(group.id(), group.name(), group.coordinator().email(),
        group.coordinator().firstName(), group.coordinator().lastName());
    return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
        .build(created.id())).body(GroupView.of(created));
  }

  @PostMapping("/{groupId}/coordinators")
  @PreAuthorize("@groupAccess.allows(authentication, #groupId)")
  @Operation(summary = "Makes a member of the group one of its coordinators")
  GroupView addCoordinator(@PathVariable String groupId, @Valid @RequestBody NewCoordinator coordinator) {
    return GroupView.of(administration.addCoordinator(groupId, coordinator.memberId()));
  }

  @DeleteMapping("/{groupId}/coordinators/{memberId}")
  @PreAuthorize("@groupAccess.allows(authentication, #groupId)")
  @Operation(summary = "Takes a member's coordinator right; the last coordinator of a group cannot be removed (409)")
  GroupView removeCoordinator(@PathVariable String groupId, @PathVariable String memberId) {
    return GroupView.of(administration.removeCoordinator(groupId, memberId));
  }
}
