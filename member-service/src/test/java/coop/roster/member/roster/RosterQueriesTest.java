package coop.roster.member.roster;

import coop.roster.member.web.LocalizedProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RosterQueriesTest {

  @Test
  void readsASortAsFieldAndDirection() {
    assertThat(RosterQueries.sortOrder(null)).isEqualTo(RosterIndex.SortOrder.DEFAULT);
    assertThat(RosterQueries.sortOrder("city")).isEqualTo(
        new RosterIndex.SortOrder(RosterIndex.SortOrder.Field.city, true));
    assertThat(RosterQueries.sortOrder("createdAt,DESC")).isEqualTo(
        new RosterIndex.SortOrder(RosterIndex.SortOrder.Field.createdAt, false));
  }

  @Test
  void refusesAnUnknownSort() {
    assertThatThrownBy(() -> RosterQueries.sortOrder("shoeSize,asc")).isInstanceOf(LocalizedProblem.class);
    assertThatThrownBy(() -> RosterQueries.sortOrder("city,up")).isInstanceOf(LocalizedProblem.class);
  }
}
