package coop.roster.imports.job;

import coop.roster.imports.spreadsheet.SpreadsheetLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The limits and rhythms of imports, from {@code roster.imports.*} (see application.yml and the
 * README for the variables that set them).
 *
 * @param maxRows        rows of members one file may hold
 * @param maxLineLength  characters one row may hold
 * @param maxFieldLength characters one recognised cell may hold
 * @param sampleRows     rows shown as they will be imported
 * @param publishBatch   rows published between two saved checkpoints
 * @param lease          how long a replica owns a job's publishing without renewing it
 * @param poll           how often each replica looks for jobs to publish or finish
 * @param abandonAfter   how long an unconfirmed preview keeps its file
 * @param retention      how long a job's record and report are kept
 * @param outcomeTimeout how long a published import waits, from its last progress, for the outcomes still missing
 *                       before its report lists those rows as not confirmed
 * @param maxPendingPerGroup uploads a group may keep without confirming or abandoning them
 * @param automaticRepublishes how often the rows without outcome are published again on their own, each after
 *                       {@code outcomeTimeout}, before the report lists them as not confirmed
 */
@ConfigurationProperties("roster.imports")
public record ImportSettings(
    int maxRows,
    int maxLineLength,
    int maxFieldLength,
    int sampleRows,
    int publishBatch,
    Duration lease,
    Duration poll,
    Duration abandonAfter,
    Duration retention,
    Duration outcomeTimeout,
    int maxPendingPerGroup,
    int automaticRepublishes) {

  public SpreadsheetLimits limits() {
    return new SpreadsheetLimits(maxRows, maxLineLength, maxFieldLength);
  }
}
