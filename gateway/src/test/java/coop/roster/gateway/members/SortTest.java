package coop.roster.gateway.members;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SortTest {

  @Test
  void sortsByLastNameWhenTheAddressSaysNothingOrNonsense() {
    assertThat(Sort.parse(null).param()).isEqualTo("lastName,asc");
    assertThat(Sort.parse("password,desc").param()).isEqualTo("lastName,asc");
  }

  @Test
  void keepsAColumnMemberServiceSortsBy() {
    assertThat(Sort.parse("city,desc").param()).isEqualTo("city,desc");
    assertThat(Sort.parse("createdAt").param()).isEqualTo("createdAt,asc");
  }

  @Test
  void aColumnHeaderTurnsTheCurrentOrderAroundAndSortsAnotherColumnAscending() {
    Sort byCity = Sort.parse("city,asc");
    assertThat(byCity.toggle("city")).isEqualTo("city,desc");
    assertThat(byCity.toggle("email")).isEqualTo("email,asc");
    assertThat(Sort.parse("city,desc").toggle("city")).isEqualTo("city,asc");
  }

  @Test
  void tellsAssistiveTechnologyWhichColumnIsSortedAndHow() {
    Sort byCity = Sort.parse("city,desc");
    assertThat(byCity.ariaSort("city")).isEqualTo("descending");
    assertThat(byCity.ariaSort("lastName")).isNull();
  }
}
