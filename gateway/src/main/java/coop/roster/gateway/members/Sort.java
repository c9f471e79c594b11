package coop.roster.gateway.members;

import coop.roster.gateway.roster.MemberService;

import java.util.Set;

/**
 * How the member list is sorted, as member-service takes it ({@code lastName,asc}); anything else asked
 * in the address is the default order, by last name.
 */
record Sort(String field, boolean ascending) {

  static final Set<String> FIELDS = Set.of("lastName", "firstName", "email", "city", "createdAt");

  static Sort parse(String value) {
    if (value != null) {
      String[] parts = value.split(",", 2);
      if (FIELDS.contains(parts[0])) {
        return new Sort(parts[0], parts.length < 2 || !"desc".equalsIgnoreCase(parts[1].strip()));
      }
    }
    return parse(MemberService.DEFAULT_SORT);
  }

  // Public methods: the member list page calls them, and SpEL calls nothing else.
  public String param() {
    return field + "," + (ascending ? "asc" : "desc");
  }

  /** The link of a column's header: this column ascending, or the other way when it is the current one. */
  public String toggle(String column) {
    return column + "," + (column.equals(field) && ascending ? "desc" : "asc");
  }

  /** {@code aria-sort} of a column's header. */
  public String ariaSort(String column) {
    return !column.equals(field) ? null : ascending ? "ascending" : "descending";
  }
}
