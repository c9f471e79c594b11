package coop.roster.imports.spreadsheet;

/**
 * One sheet of a workbook, in the workbook's order.
 *
 * @param name   its tab's name
 * @param hidden whether the spreadsheet hides its tab
 */
public record Sheet(String name, boolean hidden) {
}
