package coop.roster.member.group;

import coop.roster.events.RosterEvent;
import coop.roster.member.messaging.Outbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** The groups collection, whose documents carry the events their changes cause (their {@link Outbox}). */
@Component
public class Groups {

  static final String COLLECTION = "groups";
  /** Concurrent changes of one group's coordinators a change gives way to before it gives up. */
  private static final int CONTENDED = 20;

  private final MongoTemplate mongo;
  private final Outbox outbox;

  Groups(MongoTemplate mongo, Outbox outbox) {
    this.mongo = mongo;
    this.outbox = outbox;
    outbox.serve(COLLECTION);
  }

  public Optional<Group> find(String groupId) {
    return Optional.ofNullable(mongo.findById(groupId, Group.class));
  }

  /** The group, or {@link GroupNotFoundException}. */
  public Group get(String groupId) {
    return find(groupId).orElseThrow(() -> new GroupNotFoundException(groupId));
  }

  public List<Group> all() {
    return mongo.find(new Query().with(org.springframework.data.domain.Sort.by("name")), Group.class);
  }

  public List<Group> withIds(Collection<String> groupIds) {
    return mongo.find(Query.query(where("_id").in(groupIds)), Group.class);
  }

  /**
   * The group writing to members without a language of their own in {@code locale}, and reminding (or not) its members
   * invited and not activated as {@code reminders} says ({@code null}: unchanged), in one write.
   */
  Group changeSettings(String groupId, String locale, Reminders reminders) {
    get(groupId);
    Update update = Update.update("locale", locale);
    if (reminders != null) {
      update.set("reminders", reminders);
    }
    mongo.updateFirst(Query.query(where("_id").is(groupId)), update, COLLECTION);
    return get(groupId);
  }

  /** The groups whose automatic reminders are on. */
  public List<Group> remindingAutomatically() {
    return mongo.find(Query.query(where("reminders.enabled").is(true)), Group.class);
  }

  /** Inserts the group with the event announcing it; {@code false} when one with that id exists already. */
  boolean insert(Group group, RosterEvent created) {
    org.bson.Document document = new org.bson.Document();
    mongo.getConverter().write(group, document);
    try {
      mongo.insert(Outbox.withEvents(document, List.of(created)), COLLECTION);
    } catch (DuplicateKeyException e) {
      return false;
    }
    outbox.relaySoon(COLLECTION, List.of(group.id()));
    return true;
  }

  /** Announces the group again (an event with a stable id: its consumers see it once). */
  void announce(String groupId, RosterEvent event) {
    mongo.updateFirst(Query.query(where("_id").is(groupId)), Outbox.append(new Update(), List.of(event)),
        COLLECTION);
    outbox.relaySoon(COLLECTION, List.of(groupId));
  }

  /**
   * Changes the group's coordinators as {@code change} says, in one write with the event {@code announce} makes of
   * the group as it becomes; answers the group as it is, unchanged when {@code change} changes nothing. A change
   * written meanwhile by someone else is read again and {@code change} applied to it.
   */
  Group changeCoordinators(String groupId, UnaryOperator<List<String>> change,
      Function<Group, RosterEvent> announce) {
    for (int attempt = 0; ; attempt++) {
      if (attempt == CONTENDED) {
        throw new IllegalStateException("the coordinators of " + groupId + " changed " + CONTENDED
            + " times while this change was written");
      }
      Group before = get(groupId);
      List<String> coordinators = change.apply(before.coordinators());
      if (coordinators.equals(before.coordinators())) {
        return before;
      }
      Group after = new Group(before.id(), before.name(), before.slug(), coordinators, before.locale(),
          before.createdAt(), before.reminders());
      var written = mongo.updateFirst(Query.query(where("_id").is(groupId).and("coordinators")
              .is(before.coordinators())),
          Outbox.append(new Update().set("coordinators", coordinators), List.of(announce.apply(after))), Group.class);
      if (written.getModifiedCount() > 0) {
        outbox.relaySoon(COLLECTION, List.of(groupId));
        return after;
      }
    }
  }
}
