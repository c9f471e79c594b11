package coop.roster.imports.job;

/**
 * What the check of a file found.
 *
 * @param rows           rows holding something, the header excluded
 * @param newMembers     valid rows whose e-mail is not yet a member of the group
 * @param alreadyMembers valid rows whose e-mail is already a member
 * @param invalid        rows left out because of an error
 * @param problems       problems listed, notices included
 */
public record PreviewCounts(long rows, long newMembers, long alreadyMembers, long invalid, long problems) {

  static final PreviewCounts NONE = new PreviewCounts(0, 0, 0, 0, 0);

  /** Rows that will be published on confirmation. */
  public long valid() {
    return newMembers + alreadyMembers;
  }
}
