package coop.roster.member.group;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** The groups collection. */
@Component
public class Groups {

  private final MongoTemplate mongo;

  Groups(MongoTemplate mongo) {
    this.mongo = mongo;
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

  /** Inserts the group; {@code false} when one with that id exists already. */
  boolean insert(Group group) {
    try {
      mongo.insert(group);
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Adds a coordinator and answers the group as it now is. */
  Group addCoordinator(String groupId, String email) {
    return mongo.findAndModify(Query.query(where("_id").is(groupId)), new Update().addToSet("coordinators", email),
        FindAndModifyOptions.options().returnNew(true), Group.class);
  }
}
