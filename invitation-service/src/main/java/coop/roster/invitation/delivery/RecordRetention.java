package coop.roster.invitation.delivery;

import coop.roster.invitation.directory.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Purges invitation records and tombstones older than the retention period. Deletes by date: two replicas purging
 * at once delete each record once, and a purge that dies halfway is finished by the next.
 */
@Component
@EnableScheduling
class RecordRetention {

  private static final Logger LOG = LoggerFactory.getLogger(RecordRetention.class);

  private final InvitationHistory history;
  private final Directory directory;
  private final RetentionSettings settings;
  private final Clock clock;

  RecordRetention(InvitationHistory history, Directory directory, RetentionSettings settings, Clock clock) {
    this.history = history;
    this.directory = directory;
    this.settings = settings;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${roster.retention.purge-every:PT1H}", initialDelayString = "PT1M")
  void purge() {
    Instant cutoff = clock.instant().minus(settings.invitationRecords());
    long records = history.purgeBefore(cutoff);
    // Tombstones are kept as long as the records: far longer than any topic keeps the events they stand against.
    long tombstones = directory.purgeTombstonesBefore(cutoff);
    if (records + tombstones > 0) {
      LOG.info("retention: {} invitation records and {} tombstones older than {} purged", records, tombstones, cutoff);
    }
  }
}
