package coop.roster.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, with a profile of its own (no cookies shared with another test),
 * driven by Debian's chromedriver; Selenium Manager stays offline. Screenshots go to
 * {@code target/screenshots/}.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final Path profile;
  private final ChromeDriver driver;

  public HeadlessChromium(String acceptLanguage) {
    System.setProperty("SE_OFFLINE", "true");
    try {
      profile = Files.createTempDirectory("roster-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions()
        .setBinary("/usr/bin/chromium")
        .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
            "--window-size=1100,1000", "--lang=" + acceptLanguage, "--user-data-dir=" + profile);
    options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", acceptLanguage));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  public WebElement find(By by) {
    return driver.findElement(by);
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Waits for the condition, {@linkplain #acrossPageChanges across page changes}. */
  public <T> T await(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(30)).until(acrossPageChanges(condition));
  }

  /**
   * The condition for a wait, where an element read while its page is being replaced is "not yet" (null), not a
   * failure: Chromium then answers a stale element or an inspector error ("Node with given id does not belong
   * to the document").
   */
  public static <T> Function<WebDriver, T> acrossPageChanges(Function<WebDriver, T> condition) {
    return page -> {
      try {
        return condition.apply(page);
      } catch (WebDriverException e) {
        if (e instanceof StaleElementReferenceException || String.valueOf(e.getMessage()).contains(
            "does not belong to the document")) {
          return null;
        }
        throw e;
      }
    };
  }

  /** Keeps what the browser shows as {@code target/screenshots/<name>.png}. */
  public void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException ignored) {
        // a temporary profile left behind is harmless
      }
    }
  }
}
