package coop.roster.system;

import coop.roster.testing.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * A person's browser: Debian's Chromium, headless, with a profile of its own (so a second browser is
 * a second person), in a window of a fixed size, keeping a screenshot of every step under
 * {@code target/screenshots/<story>/} and, when the system property {@value #GUIDE_DIR} names a folder
 * (README's user guide: {@code docs/guide}), the same picture there as {@code <page>.png}.
 */
public final class Browser implements AutoCloseable {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  /** The system property naming the folder of the user guide's screenshots. */
  static final String GUIDE_DIR = "roster.screenshots.dir";

  private final ChromeDriver driver;
  private final Path profile;
  private final Path screenshots;
  private int step;

  private Browser(ChromeDriver driver, Path profile, Path screenshots) {
    this.driver = driver;
    this.profile = profile;
    this.screenshots = screenshots;
  }

  /** Where this browser saves what it downloads: a folder of its profile, deleted with it. */
  Path downloads() {
    return profile.resolve("downloads");
  }

  /** A fresh browser; {@code story} names the folder of its screenshots. */
  public static Browser open(String story) {
    return open(story, "fr-FR,fr");
  }

  /** A fresh browser whose reader prefers these languages ({@code en-GB,en}), as Accept-Language says. */
  public static Browser open(String story, String acceptLanguages) {
    String language = acceptLanguages.split(",")[0];
    try {
      Path profile = Files.createTempDirectory("roster-chromium-");
      Path downloads = Files.createDirectories(profile.resolve("downloads"));
      ChromeOptions options = new ChromeOptions()
          .setBinary("/usr/bin/chromium")
          .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
              "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=" + language,
              "--accept-lang=" + acceptLanguages,
              "--user-data-dir=" + profile)
          // The reader's languages: headless Chromium ignores --lang for Accept-Language, and Keycloak's
          // pages reached without the gateway (an invitation link) follow that header.
          .setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages,
              "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(PATIENCE);
      // Headless Chromium saves downloads only where it is told to through DevTools.
      driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
          "downloadPath", downloads.toString()));
      Path screenshots = Path.of("target/screenshots").resolve(story);
      Files.createDirectories(screenshots);
      // A story's folder holds its last run only: numbered steps of two runs would interleave.
      try (var old = Files.newDirectoryStream(screenshots, "*.png")) {
        for (Path png : old) {
          Files.delete(png);
        }
      }
      return new Browser(driver, profile, screenshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public Browser go(String url) {
    driver.get(url);
    return this;
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  public String title() {
    return driver.getTitle();
  }

  public WebElement find(By by) {
    return driver.findElement(by);
  }

  public String text(By by) {
    return driver.findElement(by).getText();
  }

  /** The text of the page's main content. */
  public String page() {
    return driver.findElement(By.tagName("body")).getText();
  }

  public Browser type(By field, String text) {
    WebElement element = driver.findElement(field);
    element.clear();
    element.sendKeys(text);
    return this;
  }

  public Browser click(By by) {
    driver.findElement(by).click();
    return this;
  }

  /** Follows the link or presses the button whose visible text is exactly this. */
  public Browser click(String visibleText) {
    return click(By.xpath("//a[normalize-space()=" + literal(visibleText) + "] | //button[normalize-space()="
        + literal(visibleText) + "]"));
  }

  /**
   * Waits for the condition, {@linkplain HeadlessChromium#acrossPageChanges across page changes} (an element read
   * while its page is being replaced is "not yet", not a failure); when it never comes, keeps a screenshot and
   * says what the page showed.
   */
  public <T> T await(Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(250))
          .until(HeadlessChromium.acrossPageChanges(condition));
    } catch (TimeoutException e) {
      screenshot("failure");
      throw new AssertionError(e.getMessage().lines().findFirst().orElse("") + "\nThe page at " + url()
          + " showed:\n" + page(), e);
    }
  }

  public Browser awaitText(By by, String text) {
    await(ExpectedConditions.textToBePresentInElementLocated(by, text));
    return this;
  }

  /**
   * Waits until a download whose name ends with {@code suffix} is complete (Chromium writes it as
   * {@code .crdownload} until then), and answers it.
   */
  Path awaitDownload(String suffix) {
    return await(driver -> {
      try (var files = Files.list(downloads())) {
        return files.filter(file -> file.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * Keeps a picture of the page as it is now: {@code NN-page.png}, numbered in the order of the story; and, when
   * {@value #GUIDE_DIR} is set, {@code page.png} in that folder (a failure's picture stays out of the guide).
   */
  public Browser screenshot(String page) {
    try {
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(screenshots.resolve("%02d-%s.png".formatted(++step, page)), png);
      String guide = System.getProperty(GUIDE_DIR, "");
      if (!guide.isBlank() && !page.equals("failure")) {
        Files.write(Files.createDirectories(Path.of(guide)).resolve(page + ".png"), png);
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String literal(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary profile left behind is harmless
    }
  }
}
