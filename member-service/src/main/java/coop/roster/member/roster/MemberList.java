package coop.roster.member.roster;

import java.util.List;
import java.util.Map;

/**
 * One page of a selection, and the count of every selection, so the UI shows them in one call.
 *
 * @param total   how many members match the selection and the search, on all pages
 * @param counts  how many members each selection holds (the search aside)
 */
record MemberList(
    Selection selection,
    String q,
    String sort,
    int page,
    int size,
    long total,
    Map<Selection, Long> counts,
    List<MemberView> members) {
}
