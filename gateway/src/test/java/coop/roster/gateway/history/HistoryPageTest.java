package coop.roster.gateway.history;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryPageTest {

  @Test
  void aHundredAndOneEntriesMakeThreePagesOfFifty() {
    HistoryPage<String> middle = new HistoryPage<>(List.of("…"), 1, 50, 101);

    assertThat(middle.pages()).isEqualTo(3);
    assertThat(middle.hasPrevious()).isTrue();
    assertThat(middle.hasNext()).isTrue();
    assertThat(new HistoryPage<>(List.of(), 2, 50, 101).hasNext()).isFalse();
    assertThat(HistoryPage.empty().pages()).isEqualTo(1);
  }

  @Test
  void anImportHasAReportOnceItEndedAndIsTheDoingOfWhoeverConfirmedIt() {
    Instant now = Instant.now();
    PastImport pending = new PastImport("i1", "liste.csv", "READY", "elise@example.org", now, null, null, null,
        6, 0, 0, 0, 1);
    PastImport done = new PastImport("i2", "liste.csv", "COMPLETED", "elise@example.org", now, "marc@example.org",
        now, now, 6, 4, 0, 1, 1);

    assertThat(pending.reported()).isFalse();
    assertThat(pending.by()).isEqualTo("elise@example.org");
    assertThat(done.reported()).isTrue();
    assertThat(done.by()).isEqualTo("marc@example.org");
  }

  @Test
  void everyHistoryAndExportWordExistsInFrenchAndInEnglish() throws IOException {
    assertThat(keys("messages_en.properties")).isEqualTo(keys("messages.properties"));
  }

  private static Set<String> keys(String bundle) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = HistoryPageTest.class.getResourceAsStream("/" + bundle)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties.stringPropertyNames().stream()
        .filter(key -> key.startsWith("history.") || key.startsWith("members.export") || key.equals("nav.history"))
        .collect(Collectors.toSet());
  }
}
