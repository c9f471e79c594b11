package coop.roster.gateway.history;

import java.util.List;

/**
 * One page of one kind of history, as the services answer it.
 *
 * @param total every entry, on all pages
 */
record HistoryPage<T>(List<T> items, int page, int size, long total) {

  static <T> HistoryPage<T> empty() {
    return new HistoryPage<>(List.of(), 0, HistoryService.PAGE_SIZE, 0);
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
