package coop.roster.gateway.roster;

import java.util.List;
import java.util.Map;

/**
 * One page of a selection and the count of every selection.
 *
 * @param total how many members match the selection and the search, on all pages
 */
public record MemberList(String selection, String q, String sort, int page, int size, long total,
    Map<String, Long> counts, List<Member> members) {

  public long count(Selection selection) {
    return counts == null ? 0 : counts.getOrDefault(selection.name(), 0L);
  }

  public int pages() {
    return size <= 0 ? 1 : (int) Math.max(1, (total + size - 1) / size);
  }

  public boolean hasPrevious() {
    return page > 0;
  }

  public boolean hasNext() {
    return page + 1 < pages();
  }
}
